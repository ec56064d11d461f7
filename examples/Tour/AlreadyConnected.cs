using System.Net.Sockets;
using System.Text;

namespace Curlew.Tour;

/// <summary>
/// Section 4: libcurl's "external socket" pattern. The app connects a socket itself and lends it to Curlew; the
/// sockopt callback says it is already connected; the close callback only notes the end, because the app owns it.
/// </summary>
internal static class AlreadyConnected
{
    private const string MadeUpHost = "example.invalid";

    public static void Run(LocalServer server, Narrator n)
    {
        using var own = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        own.Connect(server.EndPoint);
        own.ReceiveTimeout = 5_000;
        string ownLocal = SocketLog.Describe(own.LocalEndPoint);
        n.Event("app", $"connected its own socket {ownLocal} -> {SocketLog.Describe(own.RemoteEndPoint)}");
        n.Say($"The URL names {MadeUpHost}, pinned with Resolve so no DNS is asked. The open callback ignores the");
        n.Say("address it is offered, so the URL's host only ends up in the Host header.");

        var log = new SocketLog(n);
        var body = new StringBuilder();
        var easy = new CurlEasy
        {
            Url = $"http://{MadeUpHost}/whoami",
            Resolve = [$"{MadeUpHost}:80:127.0.0.1"],
            OpenSocketFunction = (clientp, purpose, address) =>
            {
                n.Event("handover", $"offered {SocketLog.Describe(address.Address)}; returning the app's connected socket instead");
                return log.Track(own, clientp, purpose, address);
            },
            SockOptFunction = (_, _, _) => SockOptResult.AlreadyConnected,   // "skip connect, it already is"
            CloseSocketFunction = log.CloseButKeep,
            WriteFunction = TransferFacts.CollectInto(body),
            TimeoutMs = 5_000,
        };
        try
        {
            var code = easy.Perform();
            var (remote, host) = LocalServer.ParseWhoAmI(body.ToString());
            n.Show("body", body.ToString().TrimEnd());
            n.Check(code == CurlCode.Ok, $"Perform returned {code} ({(int)code})");
            n.Check(remote == ownLocal, $"the server saw the app's own socket ({ownLocal})");
            n.Check(host == MadeUpHost, $"the Host header was {host}");
        }
        finally
        {
            easy.Dispose();
        }
        n.Check(log.Opens == 1 && log.Closes == 1 && log.StrayCloses == 0, "after Dispose the close callback had run once");
        n.Check(!own.SafeHandle.IsClosed && StillServes(own), "the socket is still open and works: a hand-written request on it gets the greeting");

        own.Shutdown(SocketShutdown.Both);   // and now the app, its owner, closes it
        own.Close();
        n.Event("app", "closed its own socket");
    }

    // Proves the app still holds a live connection after Curlew let go of it.
    private static bool StillServes(Socket socket)
    {
        socket.Send(Encoding.ASCII.GetBytes("GET /hello HTTP/1.1\r\nHost: tour\r\nConnection: close\r\n\r\n"));
        var response = new StringBuilder();
        var buffer = new byte[1024];
        for (int read; (read = socket.Receive(buffer)) > 0;) response.Append(Encoding.ASCII.GetString(buffer, 0, read));
        var text = response.ToString();   // Kestrel chunks this reply, so look for the greeting inside it
        return text.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) && text.Contains(LocalServer.HelloBody, StringComparison.Ordinal);
    }
}
