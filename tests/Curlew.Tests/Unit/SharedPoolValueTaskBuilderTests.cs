using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;
using Curlew.Async;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>
/// The async method builder of the transfer path: results, failures, cancellation and ExecutionContext as any async
/// method has them, and boxes that are reused even when taken on one thread and given back on another.
/// </summary>
public sealed class SharedPoolValueTaskBuilderTests
{
    private static readonly AsyncLocal<string?> Ambient = new();

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> AddAfterHopAsync(ThreadHop hop, int a, int b)
    {
        int first = await hop.WaitAsync(a);
        return first + b;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> ImmediateAsync(int value, bool fail, bool cancel)
    {
        if (cancel) throw new OperationCanceledException("stopped");
        if (fail) throw new InvalidOperationException("before any wait");
        await Task.CompletedTask;
        return value;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<string?> ReadAmbientAfterHopAsync(ThreadHop hop)
    {
        await hop.WaitAsync(0).ConfigureAwait(false);   // resumes inline on the hop's thread
        string? seen = Ambient.Value;
        Ambient.Value = "set inside";   // must not reach the caller
        return seen;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> FailAfterHopAsync(ThreadHop hop)
    {
        await hop.WaitAsync(0);
        throw new InvalidOperationException("after a wait");
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]
    private static async ValueTask CountAfterHopAsync(ThreadHop hop, StrongBox<int> counter)
    {
        counter.Value += await hop.WaitAsync(1);
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]
    private static async ValueTask NothingAsync(bool fail)
    {
        if (fail) throw new InvalidOperationException("void, before any wait");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_method_that_waits_on_another_thread_returns_its_result()
    {
        using var hop = new ThreadHop();
        for (int i = 0; i < 50; i++) Assert.Equal(i + 7, await AddAfterHopAsync(hop, i, 7));
    }

    [Fact]
    public async Task A_method_that_never_waits_completes_at_once_with_its_result()
    {
        var pending = ImmediateAsync(42, fail: false, cancel: false);
        Assert.True(pending.IsCompletedSuccessfully);
        Assert.Equal(42, await pending);
    }

    [Fact]
    public async Task A_failure_before_any_wait_is_a_faulted_task_and_a_cancellation_a_canceled_one()
    {
        var failed = ImmediateAsync(1, fail: true, cancel: false);
        Assert.True(failed.IsFaulted);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await failed);
        Assert.Equal("before any wait", error.Message);

        var canceled = ImmediateAsync(1, fail: false, cancel: true);
        Assert.True(canceled.IsCanceled);
        await Assert.ThrowsAsync<OperationCanceledException>(async () => await canceled);

        var voidFailed = NothingAsync(fail: true);
        Assert.True(voidFailed.IsFaulted);
        Assert.True(NothingAsync(fail: false).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task A_failure_after_a_wait_reaches_the_awaiter_and_the_box_serves_the_next_call()
    {
        using var hop = new ThreadHop();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () => await FailAfterHopAsync(hop));
        Assert.Equal("after a wait", error.Message);
        Assert.Equal(5, await AddAfterHopAsync(hop, 2, 3));
    }

    [Fact]
    public async Task The_caller_s_AsyncLocal_values_flow_in_and_the_method_s_own_do_not_flow_out()
    {
        using var hop = new ThreadHop();
        string? onHopThreadAfter = "unread";
        hop.AfterEachResume = () => onHopThreadAfter = Ambient.Value;   // the thread that resumed the method, once it is done
        Ambient.Value = "caller";
        Assert.Equal("caller", await ReadAmbientAfterHopAsync(hop));
        Assert.Equal("caller", Ambient.Value);
        hop.Dispose();   // joins the hop's thread: its last AfterEachResume has run
        Assert.Null(onHopThreadAfter);   // neither the caller's value nor the method's stayed on the thread that resumed it
    }

    [Fact]
    public async Task A_stale_read_of_a_finished_call_leaves_the_next_call_of_the_same_method_intact()
    {
        using var hop = new ThreadHop();
        var first = AddAfterHopAsync(hop, 1, 1);
        Assert.Equal(2, await first);
        hop.Pause();
        var second = AddAfterHopAsync(hop, 2, 2);   // the same box, waiting
        Assert.Throws<InvalidOperationException>(() => ReadNow(first));
        hop.Resume();
        Assert.Equal(4, await second);
    }

    private static int ReadNow(ValueTask<int> pending) => pending.GetAwaiter().GetResult();

    [Fact]
    public async Task A_result_read_twice_is_refused_even_after_its_box_was_reused()
    {
        using var hop = new ThreadHop();
        var first = AddAfterHopAsync(hop, 1, 1);
        await WaitUntilCompleted(first);
        Assert.Equal(2, await first);
        Assert.Equal(4, await AddAfterHopAsync(hop, 2, 2));   // most likely the same box, now at a new version
        await Assert.ThrowsAsync<InvalidOperationException>(async () => await first);
    }

    [Fact]
    public async Task The_void_builder_runs_the_method_to_its_end()
    {
        using var hop = new ThreadHop();
        var counter = new StrongBox<int>();
        for (int i = 0; i < 20; i++) await CountAfterHopAsync(hop, counter);
        Assert.Equal(20, counter.Value);
    }

    private static async Task WaitUntilCompleted(ValueTask<int> pending)
    {
        while (!pending.IsCompleted) await Task.Delay(1);
    }
}

/// <summary>
/// Boxes taken on the calling thread and given back on another (what every asynchronous receive does) are reused:
/// no allocation per call. Counted process-wide, so it runs with the other allocation ceilings, alone.
/// </summary>
[Collection(Transfer.AllocationCollection.Name)]
public sealed class SharedPoolValueTaskBuilderAllocationTests
{
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> OuterAsync(ThreadHop hop, int value) => await MiddleAsync(hop, value).ConfigureAwait(false) + 1;

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> MiddleAsync(ThreadHop hop, int value) => await InnerAsync(hop, value).ConfigureAwait(false) + 1;

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private static async ValueTask<int> InnerAsync(ThreadHop hop, int value) => await hop.WaitAsync(value).ConfigureAwait(false) + 1;   // the transfer path never resumes on a captured context

    [Fact]
    public void A_chain_resumed_on_another_thread_allocates_nothing_per_call()
    {
        using var hop = new ThreadHop();
        const int Calls = 20_000;
        for (int i = 0; i < 200; i++) BlockOn(OuterAsync(hop, i));   // JIT, the pool's first boxes
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long sum = 0;
        for (int i = 0; i < Calls; i++) sum += BlockOn(OuterAsync(hop, i));
        double perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
        Assert.Equal((long)Calls * (Calls - 1) / 2 + 3L * Calls, sum);
        Assert.True(hop.Resumptions >= Calls, $"only {hop.Resumptions} of {Calls} calls were resumed on the other thread");
        // The runtime's PoolingAsyncValueTaskMethodBuilder allocated about 240 B per call here (all three boxes).
        Assert.True(perCall <= 32, $"{perCall:F1} B allocated per three-deep call resumed on another thread (ceiling 32)");
    }

    // Waits as a blocking caller does, without allocating (no Task, no wait handle).
    private static int BlockOn(ValueTask<int> pending)
    {
        var spinner = new SpinWait();
        while (!pending.IsCompleted) spinner.SpinOnce(sleep1Threshold: -1);
        return pending.GetAwaiter().GetResult();
    }
}

/// <summary>
/// An awaitable that always completes on a thread of its own: WaitAsync(x) returns x there, after the caller has
/// registered its continuation. No allocation per wait.
/// </summary>
internal sealed class ThreadHop : IValueTaskSource<int>, IDisposable
{
    private ManualResetValueTaskSourceCore<int> _core;
    private readonly Thread _thread;
    private readonly SemaphoreSlim _registered = new(0);
    private readonly ManualResetEventSlim _running = new(true);
    private volatile bool _stopping;
    private int _value;

    public ThreadHop()
    {
        _thread = new Thread(Complete) { IsBackground = true, Name = "ThreadHop" };
        _thread.Start();
    }

    public long Resumptions { get; private set; }

    /// <summary>Runs on the hop's thread after each completion it made (and the continuation it ran inline) returned.</summary>
    public Action? AfterEachResume { get; set; }

    /// <summary>Holds completions back until <see cref="Resume"/>.</summary>
    public void Pause() => _running.Reset();
    public void Resume() => _running.Set();

    public ValueTask<int> WaitAsync(int value)
    {
        _core.Reset();
        _value = value;
        return new ValueTask<int>(this, _core.Version);
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);
    public int GetResult(short token) => _core.GetResult(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        _core.OnCompleted(continuation, state, token, flags);
        _registered.Release();
    }

    private void Complete()
    {
        while (true)
        {
            _registered.Wait();
            if (_stopping) return;
            _running.Wait();
            Resumptions++;
            _core.SetResult(_value);   // runs the continuation here, on this thread
            AfterEachResume?.Invoke();
        }
    }

    public void Dispose()
    {
        if (_stopping) return;
        _stopping = true;
        _running.Set();
        _registered.Release();
        if (Thread.CurrentThread != _thread) _thread.Join();   // an awaiting test resumes on that thread and may dispose from it
    }
}
