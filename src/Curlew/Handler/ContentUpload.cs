namespace Curlew;

/// <summary>
/// A request's <see cref="HttpContent"/> as the stream the engine uploads from (ReadData): the content is copied in
/// through a <see cref="BodyPipe"/> as fast as the engine takes it. The engine may go back to the start (a 307 or 308
/// redirect, an authentication round, a retry on a fresh connection): setting <see cref="Position"/> to 0 then starts a
/// new copy of the content, which works for every content that can be sent twice (as with SocketsHttpHandler, a
/// content over a stream that cannot seek fails the second time, and that failure ends the transfer).
/// </summary>
internal sealed class ContentUpload(HttpContent content, CancellationToken cancellationToken) : Stream
{
    private BodyPipe? _pipe;
    private Task _copy = Task.CompletedTask;
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set
        {
            if (value != 0) throw new NotSupportedException("The request content can only start over from its beginning");
            Stop();
            _read = 0;
        }
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (origin != SeekOrigin.Begin) throw new NotSupportedException("The request content can only start over from its beginning");
        Position = offset;
        return 0;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken token = default)
    {
        if (_pipe is null)
        {
            var pipe = _pipe = new BodyPipe();
            _copy = CopyAsync(pipe, _copy);
        }
        int n = await _pipe.ReadAsync(buffer, token).ConfigureAwait(false);
        _read += n;
        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken token) =>
        ReadAsync(buffer.AsMemory(offset, count), token).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Lets a copy still writing go (the engine stopped reading) and waits until it has ended; never throws.</summary>
    public Task StopAsync()
    {
        Stop();
        return _copy;
    }

    private void Stop()
    {
        _pipe?.Abort();
        _pipe = null;
    }

    private async Task CopyAsync(BodyPipe pipe, Task previous)
    {
        await Task.Yield();   // the engine's thread goes back to waiting for bytes
        await previous.ConfigureAwait(false);   // a copy given up on must be over before the content is read again
        try
        {
            await content.CopyToAsync(new PipeWriteStream(pipe), cancellationToken).ConfigureAwait(false);
            pipe.Complete();
        }
        catch (Exception ex)
        {
            // When the engine stopped reading this goes nowhere; otherwise the engine reads it, ends with ReadError and
            // keeps it as the callback exception.
            pipe.Complete(ex);
        }
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
