namespace Curlew;

/// <summary>
/// A write-only <see cref="Stream"/> whose writes go into a <see cref="BodyPipe"/> (each write completes once the
/// pipe's reader has taken the bytes). Subclasses say which pipe: a fixed one (<see cref="PipeWriteStream"/>) or the
/// one attached for the current request (<see cref="ResponseSink"/>).
/// </summary>
internal abstract class PipeWritingStream : Stream
{
    /// <summary>The pipe the next write goes into.</summary>
    protected abstract BodyPipe Target();

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        Target().WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Target().WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Only a synchronous writer comes here (an HttpContent that writes synchronously): it waits like the async one.
    public override void Write(byte[] buffer, int offset, int count) =>
        Target().WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
