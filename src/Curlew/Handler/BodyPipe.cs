namespace Curlew;

/// <summary>
/// A one-producer, one-consumer hand-over of bytes with backpressure and no buffer of its own: the producer's write
/// waits (asynchronously) until the consumer has copied every byte out of the producer's memory. The engine's body
/// sink writes the response into one (so a slow reader holds the transfer back without holding a thread), and a
/// request's <see cref="HttpContent"/> is copied into another that the engine reads its upload from.
/// The producer ends it with <see cref="Complete"/>; the consumer gives up with <see cref="Abort"/>.
/// The one exception to "no buffer", for a pipe made with <c>copyAhead</c> (a response body's): while no consumer is waiting, up to <see cref="EarlyLimit"/> bytes over the pipe's
/// whole life are copied into a pooled buffer and the write returns at once. A small response body then goes in whole
/// before the caller comes to read it, so its transfer ends (and its handle is free again) without waiting for the
/// reader and without the thread hops of two hand-overs; a big body pays that one copy for its first bytes only.
/// </summary>
internal sealed class BodyPipe(bool copyAhead = false)
{
    /// <summary>Bytes a pipe may copy ahead of its reader, over its whole life.</summary>
    public const int EarlyLimit = 16 * 1024;

    private readonly object _gate = new();
    private byte[]? _early;        // rented while early bytes may still come or wait to be read
    private int _earlyStart, _earlyEnd;   // unread early bytes: _early[_earlyStart.._earlyEnd]; _earlyEnd also counts all ever copied
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
            if (copyAhead && _consumerWaits is null && _earlyEnd + data.Length <= EarlyLimit)
            {
                // Nobody is reading yet: keep the bytes and let the producer go on.
                _early ??= System.Buffers.ArrayPool<byte>.Shared.Rent(EarlyLimit);
                data.Span.CopyTo(_early.AsSpan(_earlyEnd));
                _earlyEnd += data.Length;
                return;
            }
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
                if (_earlyStart < _earlyEnd)
                {
                    // Early bytes were written before any pending ones.
                    int n = Math.Min(buffer.Length, _earlyEnd - _earlyStart);
                    _early!.AsSpan(_earlyStart, n).CopyTo(buffer.Span);
                    _earlyStart += n;
                    ReleaseEarlyIfDone();
                    return n;
                }
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
            ReleaseEarlyIfDone();
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
            _earlyStart = _earlyEnd;   // unread early bytes are dropped
            ReleaseEarlyIfDone();
            var waiting = _producerWaits;
            _producerWaits = null;
            waiting?.TrySetException(new IOException("The reader of this body stopped reading", _abortReason));
            WakeConsumer();
        }
    }

    /// <summary>Whether the producer completed without a failure and everything was read.</summary>
    public bool FullyRead { get { lock (_gate) return _completed && _failure is null && _pending.IsEmpty && _earlyStart == _earlyEnd; } }

    // Under _gate. The early buffer goes back to the pool once it is read out and no early bytes can come any more:
    // the producer completed, the consumer aborted, or the early limit is (nearly) used up.
    private void ReleaseEarlyIfDone()
    {
        if (_early is null || _earlyStart < _earlyEnd) return;
        if (!_completed && _abortReason is null && _earlyEnd < EarlyLimit) return;
        System.Buffers.ArrayPool<byte>.Shared.Return(_early);
        _early = null;
        _earlyEnd = _earlyStart = EarlyLimit;   // nothing more is copied early
    }

    private void WakeConsumer()
    {
        var waiting = _consumerWaits;
        _consumerWaits = null;
        waiting?.TrySetResult();
    }
}
