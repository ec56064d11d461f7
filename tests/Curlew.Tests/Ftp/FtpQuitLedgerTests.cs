using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>
/// The QUIT a pooled FTP control connection says when it goes never holds up its close for long, and the close
/// callback still sees each socket exactly once: a server that never answers QUIT (a scripted one: vsftpd always
/// answers) cannot make Dispose or an eviction hang.
/// </summary>
[Collection(WaitSensitiveCollection.Name)]
public sealed class FtpQuitLedgerTests
{
    // Logs in, answers the commands of a NoBody directory request, then never answers QUIT. onQuit runs when QUIT came.
    private static ScriptedFtpServer SilentOnQuit(TaskCompletionSource<bool> quitSeen, Action? onQuit = null) => new(async s =>
    {
        var last = await s.LoginAndServeUntilAsync(c => c == "QUIT");
        if (last == "QUIT")
        {
            onQuit?.Invoke();
            quitSeen.TrySetResult(true);
        }
        await Task.Delay(60_000, s.Stopping);
    });

    // Two servers silent on QUIT; a handle (MaxConnects 1) whose first connection, to the first one, is pooled and whose
    // URL now points at the second, so its next perform evicts that connection.
    private sealed class TwoSilentServers : IAsyncDisposable
    {
        public TaskCompletionSource<bool> FirstQuit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource<bool> SecondQuit { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ScriptedFtpServer First { get; }
        public ScriptedFtpServer Second { get; }

        public TwoSilentServers()
        {
            First = SilentOnQuit(FirstQuit);
            Second = SilentOnQuit(SecondQuit);
        }

        public async Task<TestTransfer> PooledOnFirstThenAimedAtSecondAsync()
        {
            var t = new TestTransfer(First.BaseUrl + "/");
            t.Easy.NoBody = true;
            t.Easy.MaxConnects = 1;
            await t.PerformOk();
            t.Easy.Url = Second.BaseUrl + "/";
            return t;
        }

        public async ValueTask DisposeAsync()
        {
            await First.DisposeAsync();
            await Second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Dispose_says_QUIT_and_closes_even_when_the_server_never_answers_it()
    {
        var quitSeen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = SilentOnQuit(quitSeen);
        var t = new TestTransfer(server.BaseUrl + "/");
        t.Easy.NoBody = true;
        await t.PerformOk();
        Assert.Empty(t.Ledger.Closes);   // pooled: nothing closed yet
        var dispose = Task.Run(t.Dispose);
        Assert.True(await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(30))) == dispose,
            "Dispose hung waiting for a 221 that never comes");
        Assert.True(await quitSeen.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the server never saw QUIT");
        t.Ledger.AssertBalanced();
        Assert.Single(t.Ledger.Closes);
        Assert.Null(server.ScriptFailure);
    }

    [Fact]
    public async Task An_eviction_by_MaxConnects_says_QUIT_and_closes_the_evicted_socket_once()
    {
        await using var servers = new TwoSilentServers();
        using var t = await servers.PooledOnFirstThenAimedAtSecondAsync();
        var (first, second, firstQuit, secondQuit) = (servers.First, servers.Second, servers.FirstQuit, servers.SecondQuit);
        await t.PerformOk();   // its return evicts the first connection: QUIT, a bounded wait, the close
        Assert.True(await firstQuit.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the evicted connection never said QUIT");
        Assert.Single(t.Ledger.Closes);
        Assert.Equal(t.Ledger.Opens[0].SocketId, t.Ledger.Closes[0].SocketId);   // the first (evicted) one
        t.Dispose();
        Assert.True(await secondQuit.Task.WaitAsync(TimeSpan.FromSeconds(10)), "Dispose never said QUIT");
        t.Ledger.AssertBalanced();
        Assert.Null(first.ScriptFailure);
        Assert.Null(second.ScriptFailure);
    }

    [Fact]
    public async Task Cancelling_PerformAsync_while_an_evicted_connection_waits_for_its_221_ends_the_wait_at_once()
    {
        await using var servers = new TwoSilentServers();
        using var t = await servers.PooledOnFirstThenAimedAtSecondAsync();
        var (first, second, firstQuit, secondQuit) = (servers.First, servers.Second, servers.FirstQuit, servers.SecondQuit);
        using var cancel = new CancellationTokenSource();
        var pending = t.Easy.PerformAsync(cancel.Token);   // its return evicts the first connection: QUIT, then the wait
        Assert.True(await firstQuit.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the evicted connection never said QUIT");
        cancel.Cancel();
        // The 221 never comes and the goodbye would wait Connection.GoodbyeTimeoutMs (2 s) for it; cancelled, it stops.
        var done = await Task.WhenAny(pending, Task.Delay(TimeSpan.FromMilliseconds(Curlew.Connect.Connection.GoodbyeTimeoutMs / 2)));
        Assert.True(done == pending, "PerformAsync kept waiting for the evicted connection's 221 after it was cancelled");
        Assert.Equal(CurlCode.Ok, await pending);   // the transfer itself had finished: only its goodbye was cut short
        Assert.Single(t.Ledger.Closes);
        Assert.Equal(t.Ledger.Opens[0].SocketId, t.Ledger.Closes[0].SocketId);
        t.Dispose();
        t.Ledger.AssertBalanced();
        Assert.Null(first.ScriptFailure);
    }

    [Fact]
    public async Task A_multi_making_room_for_a_new_connection_awaits_the_idle_ones_QUIT_and_removing_the_handle_ends_that_wait()
    {
        var firstQuit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondQuit = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var first = SilentOnQuit(firstQuit);
        await using var second = SilentOnQuit(secondQuit);
        using var multi = new CurlMulti { MaxTotalConnections = 1 };
        using var a = new TestTransfer(first.BaseUrl + "/");
        using var b = new TestTransfer(second.BaseUrl + "/");
        a.Easy.NoBody = b.Easy.NoBody = true;
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(a.Easy));
        using var hang = new CancellationTokenSource(Run.HangLimit);
        await foreach (var message in multi.CompletedAsync(hang.Token)) Run.AssertOk(message.Result, message.Easy);
        Assert.Equal(1, multi.OpenConnections);   // a's connection, idle in the multi's cache: the limit is reached

        Assert.Equal(CurlMCode.Ok, multi.AddHandle(b.Easy));
        // b's start takes a's idle connection out to make room: QUIT, then a wait for the 221 that never comes
        // (Connection.GoodbyeTimeoutMs, 2 s), which b must await, not block on.
        var perform = Task.Run(() => multi.Perform(out _));
        Assert.True(await firstQuit.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the idle connection never said QUIT");
        var sinceQuit = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(CurlMCode.Ok, await perform.WaitAsync(Run.HangLimit));
        Assert.Equal(CurlMCode.Ok, await Task.Run(() => multi.RemoveHandle(b.Easy)).WaitAsync(Run.HangLimit));   // aborts b, ending its wait
        // Blocking on the goodbye would hold Perform or RemoveHandle until the 2 s are up.
        Assert.True(sinceQuit.ElapsedMilliseconds < Curlew.Connect.Connection.GoodbyeTimeoutMs / 2,
            $"Perform and RemoveHandle took {sinceQuit.ElapsedMilliseconds} ms after the QUIT: they waited out the idle connection's goodbye");
        Assert.Single(a.Ledger.Closes);   // a's connection, closed once by the transfer that made room
        Assert.Equal(a.Ledger.Opens[0].SocketId, a.Ledger.Closes[0].SocketId);
        b.Ledger.AssertBalanced();        // b was taken out: whatever it opened is closed
        Assert.Equal(0, multi.OpenConnections);
        a.Ledger.AssertBalanced();
        Assert.Null(first.ScriptFailure);
    }

    [Fact]
    public async Task A_handle_disposed_during_PerformAsync_closes_its_connection_with_a_QUIT_that_cancelling_stops_waiting_for()
    {
        var quitSeen = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        long quitAt = 0;
        await using var server = SilentOnQuit(quitSeen, () => Volatile.Write(ref quitAt, System.Diagnostics.Stopwatch.GetTimestamp()));
        var t = new TestTransfer(server.BaseUrl + "/");
        t.Easy.NoBody = true;
        var said = new List<string>();
        t.Easy.DebugFunction = (type, data, _) =>
        {
            if (type == CurlInfoType.Text) lock (said) said.Add(System.Text.Encoding.Latin1.GetString(data).TrimEnd());
            return 0;
        };
        t.Easy.Verbose = true;
        int disposed = 0;
        // Disposed from inside the transfer: it finishes, and its connection, refused by the closed cache, closes.
        t.Easy.HeaderFunction = (data, _) =>
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) t.Easy.Dispose();
            return data.Length;
        };
        using var cancel = new CancellationTokenSource();
        var pending = t.Easy.PerformAsync(cancel.Token);
        Assert.True(await quitSeen.Task.WaitAsync(TimeSpan.FromSeconds(10)), "the connection never said QUIT");
        cancel.Cancel();
        Assert.Equal(CurlCode.Ok, await pending.WaitAsync(Run.HangLimit));
        // The 221 never comes: blocking for it held the transfer (and a pool thread) for over a second after the QUIT;
        // awaited, the wait ends with the caller's cancellation.
        var afterQuit = System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref quitAt));
        Assert.True(afterQuit.TotalMilliseconds < Curlew.Connect.Connection.GoodbyeTimeoutMs / 4,
            $"PerformAsync ended {afterQuit.TotalMilliseconds:F0} ms after the QUIT: it waited out the 221 of a connection its disposed handle refused");
        Assert.Single(t.Ledger.Closes);
        t.Ledger.AssertBalanced();
        lock (said)
        {
            Assert.Contains(said, line => line.StartsWith("Closing connection", StringComparison.Ordinal));
            Assert.DoesNotContain(said, line => line.Contains("left intact", StringComparison.Ordinal));
        }
        Assert.Null(server.ScriptFailure);
    }
}
