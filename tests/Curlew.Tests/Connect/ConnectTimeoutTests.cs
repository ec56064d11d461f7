using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>A loopback listener whose accept queue is full, so further connects hang (SYNs are dropped).</summary>
internal sealed class BlackholeListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public BlackholeListener()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        for (int i = 0; i < 8; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try { s.Connect(_listener.LocalEndPoint!); } catch (SocketException) { }
            _fillers.Add(s);
        }
        // The queue is full once the first filler's handshake has completed: the kernel holds it for an accept that
        // never comes and drops the SYNs after it. A completed non-blocking connect makes the socket writable.
        var first = _fillers[0];
        if (!first.Poll(TimeSpan.FromSeconds(10), SelectMode.SelectWrite))
            throw new InvalidOperationException("the first filler connection was not established within 10 s, so the accept queue may not be full");
        var error = (int)first.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
        if (error != 0)
            throw new InvalidOperationException($"the first filler connection failed ({(SocketError)error}), so the accept queue is not full");
    }

    public int Port { get; }

    public void Dispose()
    {
        foreach (var s in _fillers) s.Dispose();
        _listener.Dispose();
    }
}

public sealed class ConnectTimeoutTests
{
    [Fact]
    public async Task ConnectTimeoutMs_bounds_the_whole_connect_phase_not_each_address_in_turn()
    {
        using var hole = new BlackholeListener();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = $"http://blackhole.test:{hole.Port}/";
        easy.Resolve = [$"blackhole.test:{hole.Port}:{string.Join(',', Enumerable.Repeat("127.0.0.1", 8))}"];
        easy.ConnectTimeoutMs = 1000;
        using (var warmUp = new CurlEasy { Url = "http://127.0.0.1:9/", ConnectTimeoutMs = 50 })
            warmUp.Perform();   // compile the connect path first, so JIT time on a slow machine is not counted below

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var code = await easy.PerformGuarded(ledger);
        clock.Stop();

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        // Several addresses were really tried, so the time below is one budget spread over them.
        Assert.True(ledger.OpenAttempts.Count >= 2, $"only {ledger.OpenAttempts.Count} address(es) tried. {ledger.Describe()}");
        // One budget: ~1000 ms. One budget per address would be 8000 ms (eight addresses). The bound between leaves
        // 4 s for a loaded CI machine and still 3 s below the per-address total.
        Assert.True(clock.ElapsedMilliseconds < 5000,
            $"libcurl (curl 7.88 --connect-timeout 1 with several addresses) gives up after 1 s in total; Curlew took {clock.ElapsedMilliseconds} ms (one full ConnectTimeoutMs per address?). {ledger.Describe()}");
        Assert.True(clock.ElapsedMilliseconds >= 900, $"gave up after {clock.ElapsedMilliseconds} ms, before the 1000 ms connect timeout");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Perform_bounds_the_connect_of_a_non_blocking_socket_from_the_open_callback_by_ConnectTimeoutMs()
    {
        // .NET emulates blocking calls on such a socket, and its emulated connect ignores SO_SNDTIMEO: without care the
        // synchronous Perform waits for the kernel to give up (over two minutes) instead of the 300 ms asked for.
        using var hole = new BlackholeListener();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        ledger.OnOpen = a => new Socket(a.Family, a.SocketType, a.Protocol) { Blocking = false };
        new TransferCapture().Install(easy);
        easy.Url = $"http://127.0.0.1:{hole.Port}/";
        easy.ConnectTimeoutMs = 300;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var code = await easy.PerformGuarded(ledger, TimeSpan.FromSeconds(20));
        clock.Stop();

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"a 300 ms connect timeout took {clock.ElapsedMilliseconds} ms. {ledger.Describe()}");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_large_TimeoutMs_set_through_the_typed_property_does_not_time_out_at_once()
    {
        await using var server = Servers.FaultServer.Start(Servers.FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        easy.TimeoutMs = 10_000_000_000;   // ~116 days; timeoutMs * Stopwatch.Frequency overflows in IoContext

        var code = await easy.PerformGuarded(ledger);

        Run.AssertOk(code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_large_ConnectTimeoutMs_set_through_the_typed_property_still_connects_in_PerformAsync()
    {
        await using var server = Servers.FaultServer.Start(Servers.FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        easy.ConnectTimeoutMs = 5_000_000_000;   // ~58 days: CancelAfter throws, the attempt is reported as a failed connect

        var code = await easy.PerformAsyncGuarded(CancellationToken.None, ledger);

        Run.AssertOk(code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
