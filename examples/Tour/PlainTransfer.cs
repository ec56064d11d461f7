using System.Text;

namespace Curlew.Tour;

/// <summary>Section 1: the open and close callbacks on an ordinary transfer, connection reuse, and the close on Dispose.</summary>
internal static class PlainTransfer
{
    public static void Run(LocalServer server, Narrator n)
    {
        n.Say("The open-socket callback sees every socket Curlew wants; the close-socket callback gets each one back once.");
        var log = new SocketLog(n);
        var body = new StringBuilder();
        var easy = new CurlEasy
        {
            Url = server.Url("/hello"),
            OpenSocketFunction = log.Open,
            OpenSocketData = "tour",          // handed to the callback as clientp, unchanged
            CloseSocketFunction = log.Close,
            WriteFunction = TransferFacts.CollectInto(body),
            TimeoutMs = 5_000,                // a smoke test must never hang
        };
        try
        {
            var code = easy.Perform();
            n.Show("body", body.ToString().TrimEnd());
            n.Check(code == CurlCode.Ok, $"Perform returned {code} ({(int)code})");
            n.Check(body.ToString() == LocalServer.HelloBody, "the body is the server's greeting");
            n.Check(easy.Long(CurlInfo.ResponseCode) == 200, $"ResponseCode = {easy.Long(CurlInfo.ResponseCode)}");
            n.Check(easy.Text(CurlInfo.PrimaryIp) == "127.0.0.1" && easy.Long(CurlInfo.PrimaryPort) == server.Port,
                $"PrimaryIp:PrimaryPort = {easy.Text(CurlInfo.PrimaryIp)}:{easy.Long(CurlInfo.PrimaryPort)}");
            n.Check(easy.Long(CurlInfo.NumConnects) == 1 && log.Opens == 1, $"NumConnects = {easy.Long(CurlInfo.NumConnects)}, one open");
            long firstLocalPort = easy.Long(CurlInfo.LocalPort);

            n.Say("A second Perform on the same handle to the same host reuses the cached connection:");
            body.Clear();
            easy.Url = server.Url("/whoami");
            code = easy.Perform();
            var (remote, _) = LocalServer.ParseWhoAmI(body.ToString());
            n.Show("body", body.ToString().TrimEnd());
            n.Check(code == CurlCode.Ok, $"Perform returned {code} ({(int)code})");
            n.Check(easy.Long(CurlInfo.NumConnects) == 0, $"NumConnects = {easy.Long(CurlInfo.NumConnects)}: no new connection");
            n.Check(log.Opens == 1, "no second open");
            n.Check(remote == $"127.0.0.1:{firstLocalPort}", $"the server saw the first transfer's local port ({firstLocalPort}) again");
            n.Check(log.Closes == 0, "nothing closed yet: the connection waits in the handle's cache");
        }
        finally
        {
            n.Say("Dispose empties the handle's connection cache:");
            easy.Dispose();
        }
        n.Check(log.Closes == 1 && log.StrayCloses == 0, "Dispose handed the socket to the close callback, once");
    }
}
