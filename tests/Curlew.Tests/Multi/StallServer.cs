using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Differential;

namespace Curlew.Tests.Multi;

/// <summary>
/// A real socket server that answers every request with the head of a long body (1 MB promised, <see cref="SentBytes"/>
/// sent) and then says nothing more until the client goes away: a transfer to it is surely running, mid-body, until
/// it is aborted. One connection per request.
/// </summary>
public sealed class StallServer : IDisposable
{
    public const int SentBytes = 1000;

    private readonly ThreadedFaultServer _server = ThreadedFaultServer.Start(Serve);

    public string Url => $"http://127.0.0.1:{_server.Port}/stall";

    private static void Serve(Socket connection)
    {
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = connection.Receive(buffer);
            if (n == 0) return;
            request.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        connection.Send("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"u8);
        connection.Send(new byte[SentBytes]);
        while (connection.Receive(buffer) > 0) { }   // until the client closes
    }

    public void Dispose() => _server.Dispose();
}
