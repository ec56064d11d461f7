using System.Runtime.CompilerServices;

namespace Curlew.Async;

/// <summary>
/// The builder for the transfer path's <c>async ValueTask&lt;T&gt;</c> methods: as the runtime's
/// <see cref="PoolingAsyncValueTaskMethodBuilder{TResult}"/> (no allocation when the method completes at once, a
/// reused box when it has to wait), with a pool that also works when the box is taken on one thread and given back on
/// another (see <see cref="BoxPool{TBox}"/>). Used as <c>[AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder&lt;&gt;))]</c>.
/// </summary>
internal struct SharedPoolValueTaskBuilder<TResult>
{
    private StateMachineBox<TResult>? _box;   // set at the first await that has to wait
    private TResult _result;                  // the result of a method that never waited
    private Exception? _error;                // the failure of a method that never waited

    public static SharedPoolValueTaskBuilder<TResult> Create() => default;

    // The runtime's start: runs the method to its first wait and puts back the caller's contexts afterwards.
    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        AsyncValueTaskMethodBuilder<TResult>.Create().Start(ref stateMachine);

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }   // not used since .NET Core's boxing

    public ValueTask<TResult> Task
    {
        get
        {
            var box = _box ?? (_error is null ? null : Failed(_error));
            return box is null ? new ValueTask<TResult>(_result) : new ValueTask<TResult>(box, box.Version);
        }
    }

    /// <summary><see cref="Task"/> for the non-generic builder: the same box, read as a plain ValueTask.</summary>
    internal ValueTask TaskWithoutResult
    {
        get
        {
            var box = _box ?? (_error is null ? null : Failed(_error));
            return box is null ? default : new ValueTask(box, box.Version);
        }
    }

    public void SetResult(TResult result)
    {
        if (_box is { } box) box.SetResult(result);
        else _result = result;
    }

    public void SetException(Exception exception)
    {
        if (_box is { } box) box.SetException(exception);
        else _error = exception;
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    private StateMachineBox<TResult, TStateMachine> BoxFor<TStateMachine>(ref TStateMachine stateMachine)
        where TStateMachine : IAsyncStateMachine
    {
        var context = ExecutionContext.Capture();   // resumed in the context it awaited in, as any async method
        if (_box is StateMachineBox<TResult, TStateMachine> boxed)
        {
            boxed.Context = context;
            return boxed;
        }
        var box = StateMachineBox<TResult, TStateMachine>.Rent();
        _box = box;                          // first, so the copy below (the running method from now on) knows its box
        box.StateMachine = stateMachine;     // and the caller's Task reads it from the original
        box.Context = context;
        return box;
    }

    // A method that failed before it ever waited: a completed box holding the exception, so awaiting it throws that
    // very exception and a cancellation reads as canceled, as with the runtime's builders.
    private static StateMachineBox<TResult> Failed(Exception error)
    {
        var box = StateMachineBox<TResult, NoStateMachine>.Rent();
        box.SetException(error);
        return box;
    }

    private struct NoStateMachine : IAsyncStateMachine
    {
        public readonly void MoveNext() { }
        public readonly void SetStateMachine(IAsyncStateMachine stateMachine) { }
    }
}

/// <summary>The same for <c>async ValueTask</c> methods (see <see cref="SharedPoolValueTaskBuilder{TResult}"/>).</summary>
internal struct SharedPoolValueTaskBuilder
{
    private SharedPoolValueTaskBuilder<NoResult> _inner;

    public static SharedPoolValueTaskBuilder Create() => default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        _inner.Start(ref stateMachine);

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public ValueTask Task => _inner.TaskWithoutResult;

    public void SetResult() => _inner.SetResult(default);
    public void SetException(Exception exception) => _inner.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        _inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        _inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}

/// <summary>The result type of the non-generic builder's boxes.</summary>
internal readonly struct NoResult;
