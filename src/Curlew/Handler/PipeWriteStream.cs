namespace Curlew;

/// <summary>
/// The producer's end of a <see cref="BodyPipe"/> as a write-only <see cref="Stream"/>: a request's content copies its
/// body into it (the response's end is a handle's <see cref="ResponseSink"/>).
/// </summary>
internal sealed class PipeWriteStream(BodyPipe pipe) : Stream
{
    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        pipe.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        pipe.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Only a synchronous producer comes here (an HttpContent that writes synchronously): it waits like the async one.
    public override void Write(byte[] buffer, int offset, int count) =>
        pipe.WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush() { }
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
