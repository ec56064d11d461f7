using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Tests.Differential.Scripted;

public sealed record ScriptedRequest(int Conn, int Index, string Head, byte[] Body)
{
    public string RequestLine => Head.Split("\r\n")[0];
    public string Target => RequestLine.Split(' ').ElementAtOrDefault(1) ?? "";
    public string Method => RequestLine.Split(' ')[0];
}

public sealed record ScriptedReply(byte[] Bytes, bool Close = false, bool SendContinue = true, bool ReadBody = true)
{
    public static ScriptedReply Text(string s, bool close = false) => new(Encoding.Latin1.GetBytes(s), close);
}

/// <summary>
/// Scripted raw HTTP server listening on 127.0.0.1 and 127.0.0.2 with one port (two loopback "hosts" for the redirect
/// cases, nothing beyond loopback); records every request.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private static readonly TimeSpan QuietLimit = TimeSpan.FromSeconds(20);
    private readonly TcpListener[] _listeners;
    private readonly Func<ScriptedRequest, ScriptedReply> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _acceptor;
    // Held while a connection moves from the kernel's accept queue into _serving, so "nothing queued and nothing
    // being served" can be read as one consistent picture.
    private readonly Lock _gate = new();
    private readonly List<Task> _serving = [];
    private readonly SemaphoreSlim _changed = new(0);
    private int _conns;
    private int _active;   // connections accepted and still being served
    public List<ScriptedRequest> Requests { get; } = [];
    public int Port { get; }

    public ScriptedServer(Func<ScriptedRequest, ScriptedReply> handler)
    {
        _handler = handler;
        (_listeners, Port) = ListenOnTwoLoopbackHosts();
        foreach (var listener in _listeners) listener.Server.Blocking = false;
        _acceptor = new Thread(AcceptLoop) { IsBackground = true, Name = $"scripted-accept-{Port}" };
        _acceptor.Start();
    }

    /// <summary>
    /// The requests seen so far, and forgets them. Call it after the client has closed its connections (after its
    /// handle's cleanup): it first waits until the server has accepted every connection the client made and finished
    /// serving each, so a last request still in flight is counted. Throws when that takes longer than 20 s.
    /// </summary>
    public async Task<List<ScriptedRequest>> TakeRequestsAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!IsQuiet(out var state))
        {
            var left = QuietLimit - clock.Elapsed;
            if (left <= TimeSpan.Zero || !await _changed.WaitAsync(left))
                throw new TimeoutException($"the scripted server was still busy {QuietLimit.TotalSeconds} s after the client finished: {state}");
        }
        lock (Requests)
        {
            var taken = Requests.ToList();
            Requests.Clear();
            return taken;
        }
    }

    private bool IsQuiet(out string state)
    {
        lock (_gate)
        {
            var queued = _listeners.Count(l => l.Server.Poll(0, SelectMode.SelectRead));
            var serving = Volatile.Read(ref _active);
            state = $"{queued} listener(s) with connections not yet accepted, {serving} connection(s) still being served";
            return queued == 0 && serving == 0;
        }
    }

    // The second address takes the port the first one was given; another process may hold it there, so try a few.
    private static (TcpListener[] Listeners, int Port) ListenOnTwoLoopbackHosts()
    {
        for (int attempt = 0; ; attempt++)
        {
            var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            int port = ((IPEndPoint)first.LocalEndpoint).Port;
            var second = new TcpListener(IPAddress.Parse("127.0.0.2"), port);
            try
            {
                second.Start();
                return ([first, second], port);
            }
            catch (SocketException) when (attempt < 20)
            {
                first.Stop();
            }
        }
    }

    private void AcceptLoop()
    {
        var sockets = _listeners.Select(l => l.Server).ToList();
        while (!_stop.IsCancellationRequested)
        {
            var readable = new List<Socket>(sockets);
            try
            {
                Socket.Select(readable, null, null, 200_000);   // wakes for a connection, or to look at _stop
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_gate)
            {
                foreach (var listener in readable)
                {
                    Socket s;
                    try { s = listener.Accept(); }
                    catch (SocketException) { continue; }
                    catch (ObjectDisposedException) { return; }
                    s.Blocking = true;
                    int c = Interlocked.Increment(ref _conns);
                    Interlocked.Increment(ref _active);
                    _serving.Add(Task.Run(async () =>
                    {
                        try { await Serve(s, c); }
                        finally
                        {
                            Interlocked.Decrement(ref _active);   // before the wake-up, so the waiter sees it
                            _changed.Release();
                        }
                    }));
                }
            }
            if (readable.Count > 0) _changed.Release();
        }
    }

    private async Task Serve(Socket s, int conn)
    {
        var ct = _stop.Token;
        var buf = new List<byte>();
        var tmp = new byte[65536];
        int index = 0;
        try
        {
            while (true)
            {
                int headEnd;
                while ((headEnd = IndexOf(buf, "\r\n\r\n"u8)) < 0)
                {
                    int n = await s.ReceiveAsync(tmp, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(8), ct);
                    if (n == 0) return;
                    buf.AddRange(tmp.AsSpan(0, n));
                }
                var head = Encoding.Latin1.GetString(buf.GetRange(0, headEnd + 4).ToArray());
                buf.RemoveRange(0, headEnd + 4);
                var lower = head.ToLowerInvariant();
                // peek at reply policy for continue: call handler lazily after body
                byte[] body = [];
                bool expect = lower.Contains("expect: 100-continue");
                var pre = new ScriptedRequest(conn, index, head, []);
                var probe = _handler(pre with { Body = [] });
                if (!probe.ReadBody)
                {
                    lock (Requests) Requests.Add(pre);
                    await s.SendAsync(probe.Bytes, SocketFlags.None, ct);
                    if (probe.Close) { s.Shutdown(SocketShutdown.Send); await Drain(s, ct); return; }
                    index++;
                    continue;
                }
                if (expect && probe.SendContinue) await s.SendAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), SocketFlags.None, ct);
                var cl = HeaderValue(head, "content-length");
                if (cl is not null && long.TryParse(cl, out var len))
                {
                    while (buf.Count < len)
                    {
                        int n = await s.ReceiveAsync(tmp, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(3), ct);
                        if (n == 0) break;
                        buf.AddRange(tmp.AsSpan(0, n));
                    }
                    int take = (int)Math.Min(len, buf.Count);
                    body = buf.GetRange(0, take).ToArray();
                    buf.RemoveRange(0, take);
                }
                else if (HeaderValue(head, "transfer-encoding")?.Contains("chunked") == true)
                {
                    while (IndexOf(buf, "0\r\n\r\n"u8) < 0)
                    {
                        int n = await s.ReceiveAsync(tmp, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(3), ct);
                        if (n == 0) break;
                        buf.AddRange(tmp.AsSpan(0, n));
                    }
                    int e = IndexOf(buf, "0\r\n\r\n"u8);
                    int take = e < 0 ? buf.Count : e + 5;
                    body = buf.GetRange(0, take).ToArray();
                    buf.RemoveRange(0, take);
                }
                var req = new ScriptedRequest(conn, index++, head, body);
                lock (Requests) Requests.Add(req);
                var reply = _handler(req);
                await s.SendAsync(reply.Bytes, SocketFlags.None, ct);
                if (reply.Close) { s.Shutdown(SocketShutdown.Send); await Drain(s, ct); return; }
            }
        }
        catch (Exception) { }
        finally { s.Dispose(); }
    }

    private static async Task Drain(Socket s, CancellationToken ct)
    {
        var b = new byte[4096];
        try { while (await s.ReceiveAsync(b, SocketFlags.None, ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct) > 0) { } } catch { }
    }

    public static string? HeaderValue(string head, string name)
    {
        foreach (var line in head.Split("\r\n"))
        {
            int c = line.IndexOf(':');
            if (c > 0 && line[..c].Trim().Equals(name, StringComparison.OrdinalIgnoreCase)) return line[(c + 1)..].Trim();
        }
        return null;
    }

    private static int IndexOf(List<byte> data, ReadOnlySpan<byte> pat)
    {
        for (int i = 0; i + pat.Length <= data.Count; i++)
        {
            int j = 0;
            while (j < pat.Length && data[i + j] == pat[j]) j++;
            if (j == pat.Length) return i;
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _acceptor.Join();
        foreach (var listener in _listeners) listener.Stop();
        Task[] serving;
        lock (_gate) serving = [.. _serving];
        try { await Task.WhenAll(serving); } catch { }
    }
}
