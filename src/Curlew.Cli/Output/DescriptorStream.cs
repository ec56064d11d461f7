using System.Runtime.InteropServices;

namespace Curlew.Cli.Output;

/// <summary>
/// A write-only stream straight onto a Unix file descriptor with write(2): no buffering, no position of its own (the
/// descriptor's shared file offset moves, as with curl's stdio), and no terminal set-up of the kind .NET's console
/// streams do on their first write.
/// </summary>
internal sealed partial class DescriptorStream(int descriptor) : Stream
{
    private const int EINTR = 4, EAGAIN = 11;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> data)
    {
        fixed (byte* start = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                nint n = WriteNative(descriptor, start + done, data.Length - done);
                if (n >= 0) { done += (int)n; continue; }
                int error = Marshal.GetLastPInvokeError();
                if (error == EINTR) continue;
                if (error == EAGAIN) { Thread.Sleep(1); continue; }   // a non-blocking descriptor that is full: wait
                throw new IOException($"write to descriptor {descriptor} failed (errno {error})");
            }
        }
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint WriteNative(int fd, byte* buffer, nint count);
}
