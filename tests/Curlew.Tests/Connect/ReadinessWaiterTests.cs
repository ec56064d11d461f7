using System.Net;
using System.Net.Sockets;
using Curlew.Connect.Tcp;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// Curlew's own readiness wait (one background thread polling, off the runtime's event loop): a wait completes when
/// its socket becomes readable and not before, cancels with its token, many waits complete independently, a socket
/// closed while waited for does not wedge the others, and a transfer going on on the waiter's thread for longer than
/// <see cref="ReadinessWaiter.InlineGraceMicros"/> makes new waits go elsewhere. Real connected TCP sockets on loopback.
/// Alone (the waiter is the process's: another test's waits would change where completions run).
/// </summary>
[Collection(WaitSensitiveCollection.Name)]
public sealed class ReadinessWaiterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static ReadinessWaiter Waiter => ReadinessWaiter.Shared ?? throw new InvalidOperationException("no readiness waiter on this machine");

    private sealed class Pair : IDisposable
    {
        public Pair()
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            listener.Listen(1);
            Client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            Client.Connect(listener.LocalEndPoint!);
            Server = listener.Accept();
        }

        public Socket Client { get; }
        public Socket Server { get; }
        public void Dispose() { Client.Dispose(); Server.Dispose(); }
    }

    // Waits that the refusal test leaves aside must never come back null here: retry briefly if one is refused.
    private static async Task<Task> WaitFor(Socket socket, CancellationToken token = default)
    {
        for (int i = 0; i < 200; i++)
        {
            if (Waiter.WaitReadableAsync(socket, token) is { } wait) return wait;
            await Task.Delay(10);
        }
        throw new InvalidOperationException("the waiter kept refusing waits");
    }

    [Fact]
    public async Task A_wait_completes_when_its_socket_becomes_readable_and_not_before()
    {
        using var pair = new Pair();
        var wait = await WaitFor(pair.Client);
        await Task.Delay(100);
        Assert.False(wait.IsCompleted, "the wait completed with nothing to read");
        pair.Server.Send("x"u8);
        await wait.WaitAsync(Patience);
        Assert.True(pair.Client.Available > 0);
    }

    [Fact]
    public async Task A_wait_for_a_socket_with_bytes_already_queued_completes_at_once()
    {
        using var pair = new Pair();
        pair.Server.Send("x"u8);
        Assert.True(pair.Client.Poll(5_000_000, SelectMode.SelectRead));
        await (await WaitFor(pair.Client)).WaitAsync(Patience);
    }

    [Fact]
    public async Task The_peer_closing_counts_as_readable_so_the_receive_can_report_it()
    {
        using var pair = new Pair();
        var wait = await WaitFor(pair.Client);
        pair.Server.Shutdown(SocketShutdown.Both);
        await wait.WaitAsync(Patience);
        Assert.Equal(0, pair.Client.Receive(new byte[4]));
    }

    [Fact]
    public async Task A_cancelled_wait_ends_cancelled_and_the_waiter_goes_on_serving_others()
    {
        using var first = new Pair();
        using var second = new Pair();
        using var cts = new CancellationTokenSource();
        var cancelled = await WaitFor(first.Client, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(Patience));
        var next = await WaitFor(second.Client);
        second.Server.Send("y"u8);
        await next.WaitAsync(Patience);
    }

    [Fact]
    public async Task An_already_cancelled_token_ends_the_wait_at_once()
    {
        using var pair = new Pair();
        var wait = Waiter.WaitReadableAsync(pair.Client, new CancellationToken(canceled: true));
        Assert.NotNull(wait);
        Assert.True(wait!.IsCanceled);
    }

    [Fact]
    public async Task Many_waits_complete_each_when_its_own_peer_answers_in_any_order()
    {
        var pairs = Enumerable.Range(0, 12).Select(_ => new Pair()).ToArray();
        try
        {
            var waits = new Task[pairs.Length];
            for (int i = 0; i < pairs.Length; i++) waits[i] = await WaitFor(pairs[i].Client);
            foreach (int i in Enumerable.Range(0, pairs.Length).OrderBy(i => (i * 7) % pairs.Length))
            {
                Assert.False(waits[i].IsCompleted, $"wait {i} completed before its peer answered");
                pairs[i].Server.Send("z"u8);
                await waits[i].WaitAsync(Patience);
            }
        }
        finally
        {
            foreach (var pair in pairs) pair.Dispose();
        }
    }

    [Fact]
    public async Task Waits_that_become_ready_together_each_complete_once_and_the_waiter_goes_on()
    {
        using var first = new Pair();
        using var second = new Pair();
        var a = await WaitFor(first.Client);
        var b = await WaitFor(second.Client);
        first.Server.Send("1"u8);
        second.Server.Send("2"u8);
        await Task.WhenAll(a, b).WaitAsync(Patience);
        // Both stay readable (nobody read the bytes): new waits complete at once, the old ones are not polled again.
        var again = await WaitFor(first.Client);
        await again.WaitAsync(Patience);
        using var third = new Pair();
        var c = await WaitFor(third.Client);
        await Task.Delay(50);
        Assert.False(c.IsCompleted, "a wait completed with nothing to read");
        third.Server.Send("3"u8);
        await c.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_socket_closed_while_waited_for_releases_its_wait_and_wedges_no_other()
    {
        using var closing = new Pair();
        using var other = new Pair();
        var orphan = await WaitFor(closing.Client);
        var waiting = await WaitFor(other.Client);
        closing.Client.Dispose();
        // The closed socket's wait ends (its receive then reports the closed socket) within the poll's longest sleep.
        await orphan.WaitAsync(Patience);
        // The other wait was let go too or still works: either way it completes once its peer answers.
        if (!waiting.IsCompleted)
        {
            other.Server.Send("w"u8);
            await waiting.WaitAsync(Patience);
        }
        var again = await WaitFor(other.Client);
        other.Server.Send("v"u8);
        await again.WaitAsync(Patience);
    }

    [Fact]
    public async Task While_a_transfer_goes_on_on_the_waiters_thread_new_waits_are_refused_not_stranded_and_accepted_again_after()
    {
        using var slow = new Pair();
        using var other = new Pair();
        using var running = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var wait = await WaitFor(slow.Client);
        // A continuation that runs where the wait completes: alone, that is on the waiter's thread.
        var held = wait.ContinueWith(_ =>
        {
            running.Set();
            release.Wait(Patience);
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        slow.Server.Send("s"u8);
        Assert.True(running.Wait(Patience), "the continuation never ran");
        try
        {
            Assert.Null(Waiter.WaitReadableAsync(other.Client, CancellationToken.None));
        }
        finally
        {
            release.Set();
        }
        await held.WaitAsync(Patience);
        var accepted = await WaitFor(other.Client);
        other.Server.Send("o"u8);
        await accepted.WaitAsync(Patience);
    }
}
