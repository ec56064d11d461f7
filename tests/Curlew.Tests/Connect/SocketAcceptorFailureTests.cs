using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Connect.Tcp;
using Curlew.Tests.Support;
using Xunit;
using InternalEvent = Curlew.Sockets.LedgerEvent;

namespace Curlew.Tests.Connect;

/// <summary>
/// The FTP active-mode listener on its failure paths: each ends with a clear code and message, and leaves the
/// listener closed exactly once and no socket open (API.md rule 5). Listening itself never waits, so its failures
/// are the same for synchronous and asynchronous transfers; the accept's are checked in both modes.
/// </summary>
public sealed class SocketAcceptorFailureTests
{
    private static CurlException Fails(CurlCode expected, Action action)
    {
        var ex = Assert.Throws<CurlException>(action);
        Assert.True(ex.Code == expected, $"expected {expected} ({(int)expected}) but got {ex.Code} ({(int)ex.Code}): {ex.Message}");
        Assert.DoesNotContain("libcurl", ex.Message);
        return ex;
    }

    private static async Task<CurlException> FailsAsync(CurlCode expected, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<CurlException>(action);
        Assert.True(ex.Code == expected, $"expected {expected} ({(int)expected}) but got {ex.Code} ({(int)ex.Code}): {ex.Message}");
        Assert.DoesNotContain("libcurl", ex.Message);
        return ex;
    }

    [Fact]
    public void A_refusing_open_callback_fails_with_FtpPortFailed_and_says_so()
    {
        using var h = new AcceptorHarness();
        h.Callbacks.OnOpen = _ => null;

        var ex = Fails(CurlCode.FtpPortFailed, () => SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0));

        Assert.Contains("open-socket callback refused", ex.Message);
        var refused = Assert.Single(h.Callbacks.OpenAttempts);
        Assert.Equal((Support.LedgerEventKind.OpenRefused, CurlSockType.Accept), (refused.Kind, refused.Purpose));
        Assert.Equal(1, h.InternalCount(InternalEvent.Refused));
        Assert.Empty(h.Callbacks.Closes);   // nothing was handed out, so nothing to give back
        h.AssertNothingLeaks();
    }

    [Fact]
    public void A_throwing_open_callback_aborts_with_AbortedByCallback_and_keeps_what_it_threw()
    {
        using var h = new AcceptorHarness();
        var thrown = new InvalidOperationException("no listening sockets today");
        h.Callbacks.OnOpen = _ => throw thrown;

        var ex = Fails(CurlCode.AbortedByCallback, () => SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0));

        Assert.Same(thrown, ex.CallbackException);
        Assert.Contains("open-socket callback threw", ex.Message);
        Assert.Equal(CurlSockType.Accept, Assert.Single(h.Callbacks.OpenAttempts).Purpose);
        h.AssertNothingLeaks();
    }

    [Fact]
    public void A_busy_port_fails_with_FtpPortFailed_and_the_listener_is_closed_once()
    {
        using var h = new AcceptorHarness();
        var (busy, other) = AcceptorHarness.HoldConsecutivePorts();
        using var _ = busy;
        other.Dispose();
        int port = ((IPEndPoint)busy.LocalEndPoint!).Port;

        var ex = Fails(CurlCode.FtpPortFailed, () => SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, port, port));

        Assert.Contains($"127.0.0.1:{port}", ex.Message);
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Fact]
    public void A_port_range_with_every_port_busy_fails_with_FtpPortFailed_and_the_listener_is_closed_once()
    {
        using var h = new AcceptorHarness();
        var (first, second) = AcceptorHarness.HoldConsecutivePorts();
        using var a = first;
        using var b = second;
        int port = ((IPEndPoint)first.LocalEndPoint!).Port;

        var ex = Fails(CurlCode.FtpPortFailed, () => SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, port, port + 1));

        Assert.Contains($"every port of 127.0.0.1:{port}-{port + 1} is in use", ex.Message);
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true, SockOptResult.Error)]
    [InlineData(true, SockOptResult.AlreadyConnected)]
    [InlineData(false, SockOptResult.Error)]
    [InlineData(false, SockOptResult.AlreadyConnected)]
    public async Task A_sockopt_answer_other_than_Ok_on_the_data_socket_aborts_and_Curlew_closes_it(bool synchronous, SockOptResult answer)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        Socket? dataSocket = null;
        h.Callbacks.OnSockOpt = (socket, _) =>
        {
            dataSocket = socket;
            return answer;
        };
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);
        Socket? server = null;

        var ex = await FailsAsync(CurlCode.AbortedByCallback, async () => (_, server) = await h.AcceptFromServerAsync(acceptor, io));

        Assert.Contains(answer.ToString(), ex.Message);
        Assert.Equal(CurlSockType.Accept, Assert.Single(h.Callbacks.SockOpts).Purpose);
        Assert.True(dataSocket!.SafeHandle.IsClosed, "Curlew must close the refused data socket itself");
        Assert.Equal(1, h.InternalCount(InternalEvent.AcceptedClosed));
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_throwing_sockopt_callback_on_the_data_socket_aborts_and_keeps_what_it_threw(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        var thrown = new InvalidOperationException("no data today");
        h.Callbacks.OnSockOpt = (_, _) => throw thrown;
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        var ex = await FailsAsync(CurlCode.AbortedByCallback, () => h.AcceptFromServerAsync(acceptor, io));

        Assert.Same(thrown, ex.CallbackException);
        Assert.Equal(1, h.InternalCount(InternalEvent.AcceptedClosed));
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_listener_closed_behind_Curlews_back_fails_the_accept_with_FtpAcceptFailed(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        Socket? listener = null;
        h.Callbacks.OnOpen = address => listener = new Socket(address.Family, address.SocketType, address.Protocol);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);
        listener!.Dispose();   // the application breaks its own socket: Curlew must fail cleanly, not hang or crash

        var ex = await FailsAsync(CurlCode.FtpAcceptFailed, () => acceptor.AcceptAsync(5_000, io).AsTask().WaitAsync(Run.HangLimit));

        Assert.Contains("could not accept", ex.Message);
        Assert.Single(h.Callbacks.Closes);   // still handed back once (the callback ledger rightly notes it arrived disposed)
        h.AssertInternalLedgerClean();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_server_connection_within_the_accept_timeout_fails_with_FtpAcceptTimeout(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        var clock = Stopwatch.StartNew();
        var ex = await FailsAsync(CurlCode.FtpAcceptTimeout, () => acceptor.AcceptAsync(300, io).AsTask().WaitAsync(Run.HangLimit));

        Assert.True(clock.ElapsedMilliseconds >= 250, $"gave up after {clock.ElapsedMilliseconds} ms, before the 300 ms accept timeout");
        Assert.StartsWith("Accept timeout occurred while waiting server connect", ex.Message);
        Assert.Empty(h.Callbacks.SockOpts);
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_transfer_deadline_cuts_a_longer_accept_timeout_short(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous, timeoutMs: 300);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        var clock = Stopwatch.StartNew();
        await FailsAsync(CurlCode.FtpAcceptTimeout, () => acceptor.AcceptAsync(SocketAcceptor.DefaultAcceptTimeoutMs, io).AsTask().WaitAsync(Run.HangLimit));

        Assert.True(clock.ElapsedMilliseconds < 10_000, $"waited {clock.ElapsedMilliseconds} ms: the 300 ms transfer deadline must bound the 60 s accept timeout");
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Fact]
    public async Task Cancelling_a_waiting_accept_throws_OperationCanceledException_after_closing_the_listener()
    {
        using var h = new AcceptorHarness();
        using var cts = new CancellationTokenSource();
        using var io = AcceptorHarness.Io(synchronous: false, token: cts.Token);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        var accepting = acceptor.AcceptAsync(SocketAcceptor.DefaultAcceptTimeoutMs, io).AsTask();
        Assert.False(accepting.IsCompleted, $"the accept must be waiting for the server: {accepting.Status}");
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => accepting.WaitAsync(Run.HangLimit));
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_accept_cancelled_before_it_starts_waiting_throws_OperationCanceledException_and_closes_the_listener(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        using var io = AcceptorHarness.Io(synchronous, token: cts.Token);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => acceptor.AcceptAsync(SocketAcceptor.DefaultAcceptTimeoutMs, io).AsTask());
        h.AssertListenerClosedOnceAndNothingLeaks();
    }
}
