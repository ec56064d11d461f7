using System.Runtime.CompilerServices;
using System.Threading.Tasks.Sources;

namespace Curlew.Async;

/// <summary>
/// What a <see cref="SharedPoolValueTaskBuilder{TResult}"/> hands out while its method is suspended: the method's
/// state machine (copied here at its first real await), the ExecutionContext to resume it in, and the completion that
/// the returned <see cref="ValueTask{TResult}"/> reads. Reused through <see cref="BoxPool{TBox}"/> once read.
/// </summary>
internal abstract class StateMachineBox<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    private ManualResetValueTaskSourceCore<TResult> _core;   // continuations run inline, as the runtime's boxes do

    public short Version => _core.Version;

    public void SetResult(TResult result) => _core.SetResult(result);
    public void SetException(Exception error) => _core.SetException(error);

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);

    public TResult GetResult(short token)
    {
        // Only the one valid read recycles the box: a stale or early read throws and leaves a later call's box alone.
        bool valid = token == _core.Version && _core.GetStatus(token) != ValueTaskSourceStatus.Pending;
        try { return _core.GetResult(token); }
        finally { if (valid) Recycle(); }   // read once: from here the box is free for the next call of the same method
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    private void Recycle()
    {
        _core.Reset();   // a new version: a stale ValueTask can no longer read the next use's result
        ClearAndReturn();
    }

    /// <summary>Drops the state machine and context (nothing kept alive by a pooled box), then offers it to the pool.</summary>
    protected abstract void ClearAndReturn();
}

/// <summary>The box for one async method (<typeparamref name="TStateMachine"/>).</summary>
internal sealed class StateMachineBox<TResult, TStateMachine> : StateMachineBox<TResult>
    where TStateMachine : IAsyncStateMachine
{
    private static readonly ContextCallback ResumeInContext = static box => ((StateMachineBox<TResult, TStateMachine>)box!).StateMachine.MoveNext();

    public TStateMachine StateMachine = default!;
    public ExecutionContext? Context;
    private Action? _moveNext;

    /// <summary>The continuation given to awaiters; made once per box and kept across uses.</summary>
    public Action MoveNextAction => _moveNext ??= MoveNext;

    public static StateMachineBox<TResult, TStateMachine> Rent() => BoxPool<StateMachineBox<TResult, TStateMachine>>.Rent() ?? new();

    private void MoveNext()
    {
        // Resumes where the method awaited, in the ExecutionContext it had there (AsyncLocal values flow as usual).
        if (Context is { } context) ExecutionContext.Run(context, ResumeInContext, this);
        else StateMachine.MoveNext();
    }

    protected override void ClearAndReturn()
    {
        StateMachine = default!;
        Context = null;
        BoxPool<StateMachineBox<TResult, TStateMachine>>.Return(this);
    }
}
