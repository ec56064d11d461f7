using System.Net;
using System.Runtime.CompilerServices;
using System.Net.Sockets;
using Curlew.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// The bottom filter: plain I/O on a connected <see cref="ManagedSocket"/>. No <see cref="NetworkStream"/> ever owns the
/// socket, so only <see cref="ManagedSocket.Close"/> closes it. In synchronous transfers it uses blocking calls (with the
/// socket's receive/send timeout set from the deadline) so the engine's async methods complete inline.
/// </summary>
internal sealed class SocketFilter : ConnectionFilter
{
    private readonly ManagedSocket _socket;
    private int _receiveTimeoutMs, _sendTimeoutMs;   // what the socket currently has (0 = infinite, the default)

    public SocketFilter(ManagedSocket socket, EndPoint remote) : base(null)
    {
        _socket = socket;
        Remote = remote;
        try { Local = socket.Socket.LocalEndPoint; } catch (SocketException) { }
    }

    public ManagedSocket Socket => _socket;
    private EndPoint Remote { get; }
    private EndPoint? Local { get; }
    public override EndPoint? RemoteEndPoint => Remote;
    public override EndPoint? LocalEndPoint => Local;

    /// <summary>The OS error of the last failed socket call, for CURLINFO_OS_ERRNO.</summary>
    public int LastOsError { get; private set; }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
    {
        if (!io.Synchronous)
        {
            if (_lowWaterSet) return ReceiveLowWaterAsync(buffer, io);
            return io.IdleTick is null ? ReceiveAsyncCore(buffer, io) : ReceiveWithTicksAsync(buffer, io);
        }
        while (true)
        {
            try
            {
                int cap = io.IdleTick is null ? Timeout.Infinite : IoContext.IdleTickMs;
                if (_lowWaterSet) cap = cap == Timeout.Infinite ? LowWaterWaitMs : Math.Min(cap, LowWaterWaitMs);
                ApplyTimeout(ref _receiveTimeoutMs, io, SocketOptionName.ReceiveTimeout, cap);
                return new ValueTask<int>(_socket.Socket.Receive(buffer.Span));
            }
            catch (SocketException ex) when (_lowWaterSet && IsTimeout(ex) && !io.DeadlinePassed)
            {
                SetLowWater(false);   // nothing at all came for a while: a slow sender, so read it as it comes
            }
            catch (SocketException ex) when (io.IdleTick is not null && IsTimeout(ex) && !io.DeadlinePassed) { io.IdleTick(); }
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
            catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask<int> ReceiveAsyncCore(Memory<byte> buffer, IoContext io)
    {
        try { return await _socket.Socket.ReceiveAsync(buffer, SocketFlags.None, io.Token).ConfigureAwait(false); }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
    }

    // The asynchronous twin of the synchronous low-water wait: readiness comes only once the mark is reached, so the
    // wait is cut short by a timer; with nothing come by then the sender is slow, and it is read as it comes.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReceiveLowWaterAsync(Memory<byte> buffer, IoContext io)
    {
        try { return await _socket.Socket.ReceiveAsync(buffer, SocketFlags.None, io.StartTick(LowWaterWaitMs)).ConfigureAwait(false); }
        catch (OperationCanceledException ex)
        {
            if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
            SetLowWater(false);
        }
        catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        return await (io.IdleTick is null ? ReceiveAsyncCore(buffer, io) : ReceiveWithTicksAsync(buffer, io)).ConfigureAwait(false);
    }

    // Wakes up once a second while waiting so the progress callback runs during a stall (only when one is set).
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask<int> ReceiveWithTicksAsync(Memory<byte> buffer, IoContext io)
    {
        while (true)
        {
            var tick = io.StartTick();
            try { return await _socket.Socket.ReceiveAsync(buffer, SocketFlags.None, tick).ConfigureAwait(false); }
            catch (OperationCanceledException ex)
            {
                if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
                io.IdleTick!();
            }
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
            catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        }
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io)
    {
        if (!io.Synchronous) return SendAsyncCore(data, io);
        try
        {
            ApplyTimeout(ref _sendTimeoutMs, io, SocketOptionName.SendTimeout, Timeout.Infinite);
            var span = data.Span;
            while (!span.IsEmpty) span = span[_socket.Socket.Send(span)..];
            return ValueTask.CompletedTask;
        }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask SendAsyncCore(ReadOnlyMemory<byte> data, IoContext io)
    {
        try
        {
            while (!data.IsEmpty)
                data = data[await _socket.Socket.SendAsync(data, SocketFlags.None, io.Token).ConfigureAwait(false)..];
        }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    public override async ValueTask<bool> WaitReadableAsync(int timeoutMs, IoContext io)
    {
        int remaining = io.RemainingMs;
        if (remaining != Timeout.Infinite) timeoutMs = Math.Min(timeoutMs, remaining);
        if (io.Synchronous)
        {
            try { return _socket.Socket.Poll(timeoutMs * 1000L > int.MaxValue ? -1 : timeoutMs * 1000, SelectMode.SelectRead); }
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(io.Token);
        wait.CancelAfter(timeoutMs);
        try
        {
            await _socket.Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, wait.Token).ConfigureAwait(false);  // zero-byte read: waits for data
            return true;
        }
        catch (OperationCanceledException ex)
        {
            if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
            return false;
        }
        catch (SocketException) { return true; }   // the error shows up on the real read
    }

    /// <summary>An idle socket is alive when it is not readable: readable with nothing to read means the peer closed, and unexpected bytes mean the connection is out of step.</summary>
    public override bool IsAlive()
    {
        if (_socket.IsClosed) return false;
        // One poll: a peer's FIN or RST both make the socket readable.
        try { return !_socket.Socket.Poll(0, SelectMode.SelectRead); }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return false; }
    }

    public override void Close() => _socket.Close();

    // A blocking receive returns as soon as any data is there, so a fast reader of a big body wakes for every segment
    // the kernel queues and copies a little at a time. With SO_RCVLOWAT the kernel wakes it only once a good amount has
    // arrived: fewer wake-ups and system calls per byte (an asynchronous read's readiness follows the same mark).
    // Guard rails: only while at least that many bytes are certain to come (a Content-Length body), back to 1 before
    // the last part, and each wait bounded by a short timeout, after which whatever came is delivered (a slow sender
    // is never held back for long).
    private const int LowWaterMark = 128 * 1024;
    private const long LowWaterWorthIt = 4 * LowWaterMark;   // for a small body the setsockopt calls cost more than they save
    private const int LowWaterWaitMs = 50;
    private bool _lowWaterSet;

    public override void ExpectBytes(long bytes, IoContext io)
    {
        bool want = bytes >= LowWaterWorthIt || (_lowWaterSet && bytes >= LowWaterMark);
        if (want != _lowWaterSet) SetLowWater(want);
    }

    private void SetLowWater(bool on)
    {
        try
        {
            _socket.Socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, on ? LowWaterMark : 1);
            _lowWaterSet = on;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // a hint only: read as before
    }

    // Blocking calls honour the transfer deadline through SO_RCVTIMEO/SO_SNDTIMEO; set only when it changes.
    private void ApplyTimeout(ref int current, IoContext io, SocketOptionName option, int cap)
    {
        int wanted = io.RemainingMs;
        if (wanted == 0) throw io.TimedOut();
        if (cap != Timeout.Infinite && (wanted == Timeout.Infinite || wanted > cap)) wanted = cap;
        if (wanted == Timeout.Infinite) wanted = 0;   // 0 = wait forever for SO_RCVTIMEO/SO_SNDTIMEO
        if (wanted == current) return;
        // Keep a slightly longer value instead of a setsockopt per read while the deadline shrinks by a few ms.
        if (wanted != 0 && current > wanted && current - wanted < 250 && cap == Timeout.Infinite) return;
        _socket.Socket.SetSocketOption(SocketOptionLevel.Socket, option, wanted);
        current = wanted;
    }

    private static bool IsTimeout(SocketException ex) => ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock;

    private Exception ReceiveFailure(SocketException ex, IoContext io)
    {
        LastOsError = ex.NativeErrorCode;
        if (IsTimeout(ex) && io.Synchronous) return io.TimedOut();
        return new CurlException(CurlCode.RecvError, $"Recv failure: {Describe(ex)}", ex);
    }

    private Exception SendFailure(SocketException ex, IoContext io)
    {
        LastOsError = ex.NativeErrorCode;
        if (IsTimeout(ex) && io.Synchronous) return io.TimedOut();
        return new CurlException(CurlCode.SendError, $"Send failure: {Describe(ex)}", ex);
    }

    private static CurlException Closed(string what, CurlCode code) => new(code, $"{what} failure: the socket was closed");

    internal static string Describe(SocketException ex) => ex.SocketErrorCode switch
    {
        SocketError.ConnectionReset => "Connection reset by peer",
        SocketError.ConnectionRefused => "Connection refused",
        SocketError.Shutdown or SocketError.ConnectionAborted => "Broken pipe",
        SocketError.HostUnreachable => "No route to host",
        SocketError.NetworkUnreachable => "Network is unreachable",
        _ => ex.Message,
    };
}
