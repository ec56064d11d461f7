using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Tour;

/// <summary>Section 3: the open callback translates the target address, and Curlew connects where it says.</summary>
internal static class RewrittenAddress
{
    public static void Run(LocalServer server, Narrator n)
    {
        // Bound but never listening: connects there are refused, and no other program can take the port meanwhile.
        using var placeholder = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        placeholder.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int deadPort = ((IPEndPoint)placeholder.LocalEndPoint!).Port;
        n.Check(IsRefused(new IPEndPoint(IPAddress.Loopback, deadPort)), $"nothing listens on 127.0.0.1:{deadPort} (a direct connect is refused)");

        n.Say($"The URL says port {deadPort}; the open callback rewrites address.Address to the real server.");
        var log = new SocketLog(n);
        var body = new StringBuilder();
        var easy = new CurlEasy
        {
            Url = $"http://127.0.0.1:{deadPort}/hello",
            OpenSocketFunction = (clientp, purpose, address) =>
            {
                if (address.Address is IPEndPoint { Port: var port } original && port == deadPort)
                {
                    address.Address = server.EndPoint;   // what the callback leaves here is where Curlew connects
                    n.Event("rewrite", $"{SocketLog.Describe(original)} -> {SocketLog.Describe(server.EndPoint)}");
                }
                return log.Open(clientp, purpose, address);
            },
            CloseSocketFunction = log.Close,
            WriteFunction = TransferFacts.CollectInto(body),
            TimeoutMs = 5_000,
        };
        try
        {
            var code = easy.Perform();
            n.Show("body", body.ToString().TrimEnd());
            n.Check(code == CurlCode.Ok, $"Perform returned {code} ({(int)code})");
            n.Check(body.ToString() == LocalServer.HelloBody, "the body is the server's greeting");
            n.Check(easy.Text(CurlInfo.EffectiveUrl).Contains($":{deadPort}/", StringComparison.Ordinal),
                $"EffectiveUrl still names the URL's port: {easy.Text(CurlInfo.EffectiveUrl)}");
            n.Check(easy.Long(CurlInfo.PrimaryPort) == server.Port, $"PrimaryPort = {easy.Long(CurlInfo.PrimaryPort)}: the rewritten port");
        }
        finally
        {
            easy.Dispose();
        }
        n.Check(log.Opens == 1 && log.Closes == 1 && log.StrayCloses == 0, "one open, one close");
    }

    private static bool IsRefused(IPEndPoint endPoint)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Connect(endPoint);
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
    }
}
