namespace Curlew;

/// <summary>
/// A one-producer, one-consumer hand-over of bytes with backpressure and no buffer of its own: the producer's write
/// waits (asynchronously) until the consumer has copied every byte out of the producer's memory. The engine's body
/// sink writes the response into one (so a slow reader holds the transfer back without holding a thread), and a
/// request's <see cref="HttpContent"/> is copied into another that the engine reads its upload from.
/// The producer ends it with <see cref="Complete"/>; the consumer gives up with <see cref="Abort"/>.
/// </summary>
internal sealed class BodyPipe
{
    private readonly object _gate = new();
    private ReadOnlyMemory<byte> _pending;
    private TaskCompletionSource? _producerWaits;   // completes when _pending has been taken in full
    private TaskCompletionSource? _consumerWaits;   // completes when bytes, the end or a failure arrive
    private bool _completed;
    private Exception? _failure;
    private Exception? _abortReason;

    /// <summary>Hands <paramref name="data"/> to the consumer; completes when all of it was taken.</summary>
    /// <exception cref="IOException">The consumer gave up (<see cref="Abort"/>).</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (data.IsEmpty) return;
        TaskCompletionSource taken;
        lock (_gate)
        {
            if (_abortReason is not null) throw new IOException("The reader of this body stopped reading", _abortReason);
            if (_completed) throw new InvalidOperationException("The body was already completed");
            _pending = data;
            taken = _producerWaits = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            WakeConsumer();
        }
        try
        {
            await taken.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The producer's memory must not be touched once its write has returned.
            lock (_gate) { _pending = default; _producerWaits = null; }
            throw;
        }
    }

    /// <summary>Copies waiting bytes into <paramref name="buffer"/>; 0 once the producer completed.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.IsEmpty) return 0;
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_abortReason is not null) throw new ObjectDisposedException(nameof(BodyPipe), "The body stream was closed");
                if (!_pending.IsEmpty)
                {
                    int n = Math.Min(buffer.Length, _pending.Length);
                    _pending.Span[..n].CopyTo(buffer.Span);
                    _pending = _pending[n..];
                    if (_pending.IsEmpty) { var done = _producerWaits; _producerWaits = null; done?.TrySetResult(); }
                    return n;
                }
                if (_failure is not null) throw _failure;
                if (_completed) return 0;
                wait = (_consumerWaits ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The producer is done: the consumer reads the rest, then 0 (or <paramref name="failure"/>, thrown to it).</summary>
    public void Complete(Exception? failure = null)
    {
        lock (_gate)
        {
            if (_completed) return;
            _completed = true;
            _failure = failure;
            WakeConsumer();
        }
    }

    /// <summary>The consumer gives up: a waiting or later write throws <see cref="IOException"/>.</summary>
    public void Abort(Exception? reason = null)
    {
        lock (_gate)
        {
            if (_abortReason is not null) return;
            _abortReason = reason ?? new OperationCanceledException("The body stream was closed before its end");
            _pending = default;
            var waiting = _producerWaits;
            _producerWaits = null;
            waiting?.TrySetException(new IOException("The reader of this body stopped reading", _abortReason));
            WakeConsumer();
        }
    }

    /// <summary>Whether the producer completed without a failure and everything was read.</summary>
    public bool FullyRead { get { lock (_gate) return _completed && _failure is null && _pending.IsEmpty; } }

    private void WakeConsumer()
    {
        var waiting = _consumerWaits;
        _consumerWaits = null;
        waiting?.TrySetResult();
    }
}
