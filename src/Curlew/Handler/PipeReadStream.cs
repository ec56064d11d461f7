namespace Curlew;

/// <summary>
/// The consumer's end of a <see cref="BodyPipe"/> as a read-only <see cref="Stream"/>: the response body the caller
/// reads, or the request body the engine uploads. <paramref name="owner"/> is told when the reader gives up before the
/// end (disposed early, or a read cancelled): the response then aborts its transfer, as SocketsHttpHandler aborts its
/// connection.
/// </summary>
internal sealed class PipeReadStream(BodyPipe pipe, PipeReadStream.IOwner? owner = null) : Stream
{
    private int _abandoned;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await pipe.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Abandon();
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // A synchronous reader (HttpClient.Send, then Read) waits on its own thread, as it asked to.
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override int Read(Span<byte> buffer)
    {
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            int n = Read(rented, 0, buffer.Length);
            rented.AsSpan(0, n).CopyTo(buffer);
            return n;
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(rented); }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !pipe.FullyRead) Abandon();
        base.Dispose(disposing);
    }

    private void Abandon()
    {
        if (Interlocked.Exchange(ref _abandoned, 1) != 0) return;
        pipe.Abort();
        owner?.ReaderAbandoned();
    }

    public override void Flush() { }
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Who hears that the reader gave up (an interface, not a delegate: no allocation per response).</summary>
    public interface IOwner
    {
        void ReaderAbandoned();
    }
}
