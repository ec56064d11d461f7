using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>Only Curlew's own deadlines give OperationTimedout (28), on time, with curl's wording for the phase.</summary>
public class TransferTimeoutTests
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

    [Fact]
    public async Task A_receive_timeout_carried_by_a_socket_from_the_open_callback_does_not_end_a_synchronous_transfer()
    {
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await Task.Delay(400, ct);   // a slow server: longer than the socket's own timeout
            await FaultScripts.SendAsync(socket, Hello, ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/");
        t.Ledger.OnOpen = address => new Socket(address.Family, address.SocketType, address.Protocol) { ReceiveTimeout = 100, SendTimeout = 100 };

        await t.PerformOk();

        Assert.Equal("hello", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_synchronous_transfer_stops_at_TimeoutMs_and_never_before()
    {
        const int timeoutMs = 600;
        // Part of the answer comes a third of the way in, then nothing: the deadline must hold across the reads.
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await Task.Delay(200, ct);
            await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/");
        t.Easy.TimeoutMs = timeoutMs;

        await t.PerformExpecting(CurlCode.OperationTimedout);

        long tookMs = t.Easy.GetInfoLong(CurlInfo.TotalTimeT) / 1000;
        // Curlew's own clock: never before TimeoutMs, to the millisecond; "not late" is judged with a loaded machine's slack.
        Assert.True(tookMs >= timeoutMs, $"stopped after {tookMs} ms, before TimeoutMs {timeoutMs}");
        Deadline.AssertStruckAt(tookMs, timeoutMs, "TimeoutMs");
        Assert.StartsWith("Operation timed out after ", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task A_timeout_on_a_reused_connection_is_reported_as_a_transfer_timeout_not_a_resolve_timeout()
    {
        int request = 0;
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, Hello, ct);
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            Interlocked.Increment(ref request);
            await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/");
        await t.PerformOk();
        // Long enough that the 10 bytes the server sends at once have arrived even on a loaded machine.
        t.Easy.TimeoutMs = 2000;

        await t.PerformExpecting(CurlCode.OperationTimedout);

        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.NumConnects));   // the second transfer really reused the connection
        Assert.Equal(1, Volatile.Read(ref request));
        Assert.Matches(@"^Operation timed out after \d+ milliseconds with 10 out of 100 bytes received$", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_TCP_connection_timed_out_error_is_a_receive_failure_when_no_deadline_was_set(bool synchronous)
    {
        using var io = new IoContext(synchronous, timeoutMs: 0, CancellationToken.None);
        var error = new SocketException((int)SocketError.TimedOut);

        var failure = Assert.IsType<CurlException>(SocketFilter.ReceiveFailure(error, io));
        var sendFailure = Assert.IsType<CurlException>(SocketFilter.SendFailure(error, io));

        Assert.Equal(CurlCode.RecvError, failure.Code);
        Assert.Equal(CurlCode.SendError, sendFailure.Code);
        Assert.Equal(error.NativeErrorCode, failure.OsErrno);
        Assert.NotEqual(0, failure.OsErrno);
    }

    // Unit level: no resolver on loopback can be made to hang reliably, so the lookup is one that never answers.
    [Theory]
    [InlineData(false, 300, 0)]
    [InlineData(true, 300, 0)]
    [InlineData(false, 0, 300)]
    [InlineData(true, 0, 300)]
    public async Task A_name_lookup_that_never_answers_is_bounded_by_TimeoutMs_or_ConnectTimeoutMs(bool synchronous, int timeoutMs, int connectTimeoutMs)
    {
        var never = new TaskCompletionSource<IPAddress[]>();
        var resolver = new HostResolver(new ResolveEntries(null), 0, connectTimeoutMs, (_, _) => never.Task);
        using var io = new IoContext(synchronous, timeoutMs, CancellationToken.None) { Phase = TransferPhase.Resolving };

        var lookUp = Task.Run(async () => await resolver.ResolveAsync("never.answers.test", null, 80, io));
        var failure = await Assert.ThrowsAsync<CurlException>(() => lookUp.WaitAsync(Run.HangLimit));

        Assert.Equal(CurlCode.OperationTimedout, failure.Code);
        Assert.Matches(@"^Resolving timed out after \d+ milliseconds$", failure.Message);
        // .NET's timers run on a coarse clock (ticks of a few ms on Linux), so the lookup's timer may fire a tick before
        // the transfer's own stopwatch reads 300: "never before" is judged to that resolution.
        Deadline.AssertStruckAt(io.ElapsedMs, 300, "the name lookup");
    }
}
