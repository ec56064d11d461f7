using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Differential;

namespace Curlew.Tests.Multi;

/// <summary>
/// A real HTTP/1.1 keep-alive server on 127.0.0.1 that holds its first answers back until <see cref="Arm"/>'s number of
/// requests are waiting at once (or <see cref="HoldLimit"/> passes): so every transfer of a multi is surely in flight,
/// each on a connection of its own, before any finishes, whichever engine runs them. Later requests (on reused
/// connections, or after the gate opened) are answered at once. Each answer is <c>ok\n</c>.
/// </summary>
public sealed class GateServer : IDisposable
{
    /// <summary>How long the gate waits for the armed number of requests before it opens anyway.</summary>
    public static readonly TimeSpan HoldLimit = TimeSpan.FromSeconds(10);

    private readonly ThreadedFaultServer _server;
    private readonly Lock _gate = new();
    private CountdownEvent? _waiting;
    private int _requests;

    public GateServer() => _server = ThreadedFaultServer.Start(Serve);

    public int Port => _server.Port;

    public string Url => $"http://127.0.0.1:{Port}/gate";

    /// <summary>Requests answered so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Holds answers back until <paramref name="requests"/> requests wait together (0 = answer at once).</summary>
    public void Arm(int requests)
    {
        lock (_gate) _waiting = requests > 0 ? new CountdownEvent(requests) : null;
    }

    private void Serve(Socket connection)
    {
        var pending = new StringBuilder();
        var buffer = new byte[4096];
        while (true)
        {
            int n = connection.Receive(buffer);
            if (n == 0) return;
            pending.Append(Encoding.Latin1.GetString(buffer, 0, n));
            int end;
            while ((end = pending.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal)) >= 0)
            {
                pending.Remove(0, end + 4);
                HoldUntilOpen();
                Interlocked.Increment(ref _requests);
                connection.Send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n"u8);
            }
        }
    }

    private void HoldUntilOpen()
    {
        CountdownEvent? waiting;
        lock (_gate) waiting = _waiting;
        if (waiting is null || waiting.IsSet) return;
        try { waiting.Signal(); }
        catch (InvalidOperationException) { return; }   // the gate opened meanwhile
        waiting.Wait(HoldLimit);
    }

    public void Dispose() => _server.Dispose();
}
