using Curlew.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using LedgerEvent = Curlew.Sockets.LedgerEvent;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>
/// The ledger seen from inside: with no user callbacks at all Curlew creates and disposes sockets itself, and the
/// internal ledger must still show every socket closed exactly once, on every path.
/// </summary>
public class InternalLedgerTests
{
    private static void AssertEveryOpenedSocketClosedOnce(CurlEasy easy, int atLeastOpened)
    {
        var entries = easy.Ledger.Snapshot();
        int opened = entries.Count(e => e.Event == LedgerEvent.Opened);
        string story = string.Join("\n  ", entries.Select(e => $"{e.Event} #{e.SocketId} {e.Purpose} {e.Address} {e.Detail}"));
        Assert.True(opened >= atLeastOpened, $"expected at least {atLeastOpened} sockets opened, ledger:\n  {story}");
        Assert.True(easy.Ledger.OpenSocketIds().Count == 0, $"sockets left open:\n  {story}");
        Assert.True(easy.Ledger.DoubleClosedSocketIds().Count == 0, $"sockets closed twice:\n  {story}");
        Assert.All(entries.Where(e => e.Event == LedgerEvent.Opened), e => Assert.False(e.ViaCallback));
    }

    [Fact]
    public async Task Keep_alive_transfers_without_callbacks_dispose_their_one_socket_at_Dispose()
    {
        await using var server = await KestrelTestServer.StartAsync();
        var easy = new CurlEasy { Url = server.BaseUrl + "/hello", WriteFunction = (d, _) => d.Length };
        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded());
        Assert.Equal(CurlCode.Ok, await easy.PerformAsyncGuarded(CancellationToken.None));
        Assert.Single(easy.Ledger.OpenSocketIds());   // cached, not yet closed
        easy.Dispose();
        AssertEveryOpenedSocketClosedOnce(easy, atLeastOpened: 1);
        Assert.Equal(1, easy.Ledger.Snapshot().Count(e => e.Event == LedgerEvent.Opened));
    }

    [Fact]
    public async Task Failure_paths_without_callbacks_leave_no_socket_open()
    {
        await using var reset = FaultServer.Start(FaultScripts.ResetMidBody);
        await using var nothing = FaultServer.Start(FaultScripts.CloseBeforeAnyByte);
        await using var stall = FaultServer.Start(FaultScripts.Stall);
        await using var garbage = FaultServer.Start(FaultScripts.GarbageStatusLine);
        var easy = new CurlEasy { WriteFunction = (d, _) => d.Length };

        easy.Url = reset.BaseUrl + "/";
        Assert.Equal(CurlCode.RecvError, await easy.PerformGuarded());
        easy.Url = nothing.BaseUrl + "/";
        Assert.Equal(CurlCode.GotNothing, await easy.PerformGuarded());
        easy.Url = stall.BaseUrl + "/";
        easy.TimeoutMs = 300;
        Assert.Equal(CurlCode.OperationTimedout, await easy.PerformAsyncGuarded(CancellationToken.None));
        easy.TimeoutMs = 0;
        easy.Url = garbage.BaseUrl + "/";
        Assert.Equal(CurlCode.UnsupportedProtocol, await easy.PerformGuarded());

        // Every failed transfer already closed its socket: nothing waits for Dispose.
        Assert.Empty(easy.Ledger.OpenSocketIds());
        easy.Dispose();
        AssertEveryOpenedSocketClosedOnce(easy, atLeastOpened: 4);
    }

    [Fact]
    public async Task Cancellation_without_callbacks_closes_the_socket_before_the_exception_arrives()
    {
        // Cancel once the server has the request (not after a fixed delay, which on a loaded machine may come before the
        // socket even exists and prove nothing).
        var requestSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var stall = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            requestSeen.TrySetResult();
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var easy = new CurlEasy { Url = stall.BaseUrl + "/", WriteFunction = (d, _) => d.Length };
        using var cts = new CancellationTokenSource();
        var perform = easy.PerformAsync(cts.Token);
        await requestSeen.Task.WaitAsync(Run.HangLimit);
        Assert.Single(easy.Ledger.OpenSocketIds());   // the transfer's socket is open while it waits for the reply
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => perform.WaitAsync(Run.HangLimit));
        Assert.Empty(easy.Ledger.OpenSocketIds());
        easy.Dispose();
        AssertEveryOpenedSocketClosedOnce(easy, atLeastOpened: 1);
    }
}
