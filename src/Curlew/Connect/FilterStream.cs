using Curlew.Async;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Curlew.Connect;

/// <summary>
/// A <see cref="Stream"/> over the filter below a Stream-based layer (TLS over SslStream): reads and writes go to that
/// filter with the transfer's <see cref="IoContext"/>, so they keep its deadline, cancellation and blocking mode. Never
/// a NetworkStream: the socket stays owned by the chain, and disposing this stream closes nothing. A
/// <see cref="CurlException"/> from below leaves as a <see cref="FilterStreamException"/> (an IOException), which
/// SslStream passes on as it is or wrapped; <see cref="FilterStreamException.Unwrap"/> gets the original back.
/// </summary>
internal sealed class FilterStream(ConnectionFilter below, IoContext io) : Stream
{
    /// <summary>The I/O context reads and writes use: a pooled connection serves one transfer after another, so the layer above sets it before each call.</summary>
    public IoContext Io { get; set; } = io;

    /// <summary>
    /// While set, writes go out watching for the peer's early answer (<see cref="ConnectionFilter.SendWatchingAsync"/>
    /// of the filter below), and this says how to go on; when it says stop sending, the write ends with
    /// <see cref="SendingStoppedException"/>. The layer above sets it around a request body.
    /// </summary>
    public Func<ValueTask<EarlyAnswer>>? Watch { get; set; }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    // SslStream's synchronous path reads into spans; the filter takes Memory, so go through a pooled array.
    public override int Read(Span<byte> buffer)
    {
        if (HasReadAhead) return TakeReadAhead(buffer);
        if (buffer.IsEmpty) return 0;
        if (_readAhead) return Complete(FillReadAheadAsync()) == 0 ? 0 : TakeReadAhead(buffer);   // straight from the read-ahead: one copy
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int n = Complete(ReadAsync(rented.AsMemory(0, buffer.Length)));
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // SslStream first reads zero bytes to wait for data before it takes a buffer. Curlew never reads a connection
    // that has nothing coming, so that wait buys nothing and costs a system call per record (a 1-byte MSG_PEEK from a
    // blocking socket; an extra pending receive from an asynchronous one): it completes at once, as a stream that
    // cannot wait on a zero-byte read may, and the real read that follows does the waiting.
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty) return new ValueTask<int>(0);
        if (HasReadAhead) return new ValueTask<int>(TakeReadAhead(buffer.Span));
        return ReadAhead ? FillThenTakeAsync(buffer) : ReadBelowAsync(buffer);
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: no allocation per record read
    private async ValueTask<int> ReadBelowAsync(Memory<byte> buffer)
    {
        try { return await below.ReceiveAsync(buffer, Io).ConfigureAwait(false); }
        catch (CurlException ex) { throw new FilterStreamException(ex); }
    }

    /// <summary>
    /// Set while a long body comes: SslStream asks for about one record (16 KiB) per read, so each record would cost a
    /// receive of its own; instead one receive takes up to <see cref="ReadAheadBytes"/> and the records are handed out
    /// from there (one copy, in a buffer that stays in the CPU's cache). Bytes read ahead are still this connection's
    /// TLS stream and are only ever given to SslStream; <see cref="HasReadAhead"/> tells the layer above they exist.
    /// </summary>
    public bool ReadAhead
    {
        get => _readAhead;
        set { _readAhead = value; if (!value && !HasReadAhead) ReleaseReadAhead(); }
    }

    /// <summary>The size of one read-ahead receive.</summary>
    public const int ReadAheadBytes = 256 * 1024;

    /// <summary>True while bytes taken off the connection wait here for SslStream.</summary>
    public bool HasReadAhead => _aheadEnd > _aheadStart;

    private bool _readAhead;
    private byte[]? _ahead;
    private int _aheadStart, _aheadEnd;

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private async ValueTask<int> FillThenTakeAsync(Memory<byte> buffer) =>
        await FillReadAheadAsync().ConfigureAwait(false) == 0 ? 0 : TakeReadAhead(buffer.Span);

    // One receive of up to ReadAheadBytes into the read-ahead buffer; 0 at the end (or when the connection closed meanwhile).
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private async ValueTask<int> FillReadAheadAsync()
    {
        var ahead = _ahead ??= ArrayPool<byte>.Shared.Rent(ReadAheadBytes);
        int n;
        try { n = await below.ReceiveAsync(ahead.AsMemory(0, ReadAheadBytes), Io).ConfigureAwait(false); }
        catch (CurlException ex) { throw new FilterStreamException(ex); }
        if (n == 0 || !ReferenceEquals(ahead, _ahead)) return 0;
        _aheadStart = 0;
        _aheadEnd = n;
        return n;
    }

    private int TakeReadAhead(Span<byte> buffer)
    {
        int n = Math.Min(buffer.Length, _aheadEnd - _aheadStart);
        _ahead.AsSpan(_aheadStart, n).CopyTo(buffer);
        _aheadStart += n;
        if (!HasReadAhead && !_readAhead) ReleaseReadAhead();
        return n;
    }

    /// <summary>
    /// Drops the read-ahead buffer of a connection that is closing. It is not given back to the pool: a close can come
    /// while a receive into it is still unwinding, and a pooled array must never be written after its return.
    /// </summary>
    public void ForgetReadAhead()
    {
        _readAhead = false;
        _ahead = null;
        _aheadStart = _aheadEnd = 0;
    }

    private void ReleaseReadAhead()
    {
        _aheadStart = _aheadEnd = 0;
        if (_ahead is { } done) { _ahead = null; ArrayPool<byte>.Shared.Return(done); }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // SslStream's synchronous path hands spans: copy through a pooled array rather than allocate per write.
    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            buffer.CopyTo(rented);
            Complete(WriteAsync(rented.AsMemory(0, buffer.Length)));
        }
        finally { ArrayPool<byte>.Shared.Return(rented); }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            if (Watch is not { } watch) await below.SendAsync(buffer, Io).ConfigureAwait(false);
            else if (!await below.SendWatchingAsync(buffer, Io, lookFirst: false, watch).ConfigureAwait(false)) throw new SendingStoppedException();
        }
        catch (CurlException ex) { throw new FilterStreamException(ex); }
    }

    // In a synchronous transfer the filter below blocks and so completes inline; waiting is only a fallback.
    private static T Complete<T>(ValueTask<T> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();

    private static void Complete(ValueTask pending)
    {
        if (pending.IsCompleted) pending.GetAwaiter().GetResult();
        else pending.AsTask().GetAwaiter().GetResult();
    }

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>The peer answered a request body with a refusal while it was being written: the rest is not sent.</summary>
internal sealed class SendingStoppedException() : IOException("the peer refused the body while it was being sent");
