using Curlew.Async;
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
    private ReadinessSpinner _spinner;               // a short wait for the answer before a blocking receive sleeps
    private bool _awaitingAnswer;                    // a send went out since the last receive: the peer's answer is next
    private bool _mayWidenWindow;                    // see ReceiveWindow: decided at the first long body
    private bool _onEventLoop;                       // the runtime's event loop watches the socket: see Watched

    // onEventLoop: the socket may already be watched by the runtime's event loop (it was connected asynchronously
    // through it, or came from the application in a state Curlew cannot know).
    public SocketFilter(ManagedSocket socket, EndPoint remote, bool onEventLoop = true) : base(null)
    {
        _socket = socket;
        _onEventLoop = onEventLoop;
        Remote = remote;
        try { Local = socket.Socket.LocalEndPoint; } catch (SocketException) { }
        // A socket from the open callback may carry its own timeouts: know them, so the first blocking call replaces
        // them with the transfer's (a foreign timeout must never end a transfer as if Curlew's deadline had passed).
        try
        {
            _receiveTimeoutMs = Math.Max(0, socket.Socket.ReceiveTimeout);
            _sendTimeoutMs = Math.Max(0, socket.Socket.SendTimeout);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }
        _mayWidenWindow = ReceiveWindow.MayWiden(socket.Socket);   // before any data: later, autotuning may have sized it
    }

    public ManagedSocket Socket => _socket;
    private EndPoint Remote { get; }
    private EndPoint? Local { get; }
    public override EndPoint? RemoteEndPoint => Remote;
    public override EndPoint? LocalEndPoint => Local;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
    {
        if (!io.Synchronous)
        {
            bool answerNext = _awaitingAnswer;
            _awaitingAnswer = false;
            if (LowWaterSet) return ReceiveLowWaterAsync(buffer, io);
            // Still on the application thread that started the transfer (see ReadinessSpinner): an answer seen within
            // the spin is received at once, without the event loop and a thread-pool hop.
            // When the answer takes longer, it is waited for off the runtime's event loop, so the socket stays off it.
            if (answerNext && !_onEventLoop && io.OnWaitingCaller && ReadinessSpinner.Enabled && io.IdleTick is null
                && _spinner.SpinUntilReadable(_socket.Socket) != SpinOutcome.Readable
                && ReadinessWaiter.Shared?.WaitReadableAsync(_socket.Socket, io.Token) is { } readable)
                return ReceiveWhenReadableAsync(readable, buffer, io);
            return io.IdleTick is null ? ReceiveAsyncCore(buffer, io) : ReceiveWithTicksAsync(buffer, io);
        }
        while (true)
        {
            try
            {
                int cap = io.IdleTick is null ? Timeout.Infinite : IoContext.IdleTickMs;
                if (LowWaterSet) cap = cap == Timeout.Infinite ? LowWaterWaitMs : Math.Min(cap, LowWaterWaitMs);
                ApplyTimeout(ref _receiveTimeoutMs, io, SocketOptionName.ReceiveTimeout, cap, mayFireEarly: true);
                if (_awaitingAnswer)
                {
                    _awaitingAnswer = false;
                    if (!LowWaterSet && ReadinessSpinner.Enabled) _spinner.SpinUntilReadable(_socket.Socket);
                }
                return new ValueTask<int>(_socket.Socket.Receive(buffer.Span));
            }
            catch (SocketException ex) when (LowWaterSet && IsTimeout(ex) && !io.DeadlinePassed)
            {
                SetLowWater(0);   // nothing at all came for a while: a slow sender, so read it as it comes
            }
            catch (SocketException ex) when (io.IdleTick is not null && IsTimeout(ex) && !io.DeadlinePassed) { io.IdleTick(); }
            catch (SocketException ex) when (IsTimeout(ex) && _receiveTimeoutMs != 0 && !io.DeadlinePassed) { }   // set short on purpose: wait the rest
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
            catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask<int> ReceiveAsyncCore(Memory<byte> buffer, IoContext io)
    {
        try { return await Watched(_socket.Socket.ReceiveAsync(buffer, SocketFlags.None, io.Token)).ConfigureAwait(false); }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private async ValueTask<int> ReceiveWhenReadableAsync(Task readable, Memory<byte> buffer, IoContext io)
    {
        try { await readable.ConfigureAwait(false); }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        return await ReceiveAsyncCore(buffer, io).ConfigureAwait(false);   // readable: completes at once
    }

    /// <summary>Whether the runtime's event loop may watch the socket (tests: the answer waits must keep it off).</summary>
    internal bool OnEventLoop => _onEventLoop;

    // The asynchronous twin of the synchronous low-water wait: readiness comes only once the mark is reached, so the
    // wait is cut short by a timer; with nothing come by then the sender is slow, and it is read as it comes.
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    private async ValueTask<int> ReceiveLowWaterAsync(Memory<byte> buffer, IoContext io)
    {
        try { return await Watched(_socket.Socket.ReceiveAsync(buffer, SocketFlags.None, io.StartTick(LowWaterWaitMs))).ConfigureAwait(false); }
        catch (OperationCanceledException ex)
        {
            if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
            SetLowWater(0);
        }
        catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        return await (io.IdleTick is null ? ReceiveAsyncCore(buffer, io) : ReceiveWithTicksAsync(buffer, io)).ConfigureAwait(false);
    }

    // Wakes up once a second while waiting so the progress callback runs during a stall (only when one is set).
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask<int> ReceiveWithTicksAsync(Memory<byte> buffer, IoContext io)
    {
        while (true)
        {
            var tick = io.StartTick();
            try { return await Watched(_socket.Socket.ReceiveAsync(buffer, SocketFlags.None, tick)).ConfigureAwait(false); }
            catch (OperationCanceledException ex)
            {
                if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
                io.IdleTick!();
            }
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
            catch (ObjectDisposedException) { throw Closed("Recv", CurlCode.RecvError); }
        }
    }

    // An asynchronous socket operation that cannot complete at once makes the runtime watch the socket with its event
    // loop (epoll) for the rest of the socket's life, and from then on every arrival of data wakes that loop and a
    // thread-pool worker, whether or not anything waits. Spinning for an answer in place then competes with those
    // wake-ups for the CPU and loses (measured: 12k against 24k requests/s on loopback), so the answer wait of a
    // waiting caller is only for a socket the loop has never watched. (The runtime registers a socket before it retries
    // an operation that first found nothing, so one that then completes at once may still leave it watched: rare, and
    // it costs only speed.)
    private ValueTask<int> Watched(ValueTask<int> operation)
    {
        if (!operation.IsCompleted) _onEventLoop = true;
        return operation;
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io)
    {
        if (!io.Synchronous) return SendAsyncCore(data, io);
        try
        {
            ApplyTimeout(ref _sendTimeoutMs, io, SocketOptionName.SendTimeout, Timeout.Infinite, mayFireEarly: false);
            var span = data.Span;
            while (!span.IsEmpty) span = span[_socket.Socket.Send(span)..];
            _awaitingAnswer = true;
            return ValueTask.CompletedTask;
        }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: no allocation per chunk when reads complete later
    private async ValueTask SendAsyncCore(ReadOnlyMemory<byte> data, IoContext io)
    {
        try
        {
            while (!data.IsEmpty)
                data = data[await Watched(_socket.Socket.SendAsync(data, SocketFlags.None, io.Token)).ConfigureAwait(false)..];
            _awaitingAnswer = true;
        }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    public override ValueTask<bool> SendWatchingAsync(ReadOnlyMemory<byte> data, IoContext io, bool lookFirst, Func<ValueTask<EarlyAnswer>> onAnswer) =>
        io.Synchronous ? SendWatchingSyncAsync(data, io, lookFirst, onAnswer) : SendWatchingAsyncCore(data, io, lookFirst, onAnswer);

    // Never blocks in a send the peer may never drain (a server that refused the body stops reading it): sends only
    // what the socket takes at once, and when it takes no more waits until it does or the peer says something.
    // Completes inline. The socket stays blocking throughout: on Linux .NET never makes a descriptor blocking again
    // once Socket.Blocking was false, and emulates every later blocking call on it (slow, and the socket is pooled).
    private async ValueTask<bool> SendWatchingSyncAsync(ReadOnlyMemory<byte> data, IoContext io, bool lookFirst, Func<ValueTask<EarlyAnswer>> onAnswer)
    {
        while (!data.IsEmpty)
        {
            if (!lookFirst)
            {
                int sent = SendWhatFits(data.Span, io);
                if (sent < 0) return await AfterStalledSendAsync(io, onAnswer).ConfigureAwait(false);
                data = data[sent..];
                if (data.IsEmpty) break;
            }
            lookFirst = false;
            int remaining = io.RemainingMs;
            if (remaining == 0) throw io.TimedOut();
            int waitMs = remaining == Timeout.Infinite || remaining > MaxSelectMs ? MaxSelectMs : remaining;
            var (readable, _) = WaitReadableOrWritable(waitMs, io);
            if (readable)
            {
                var answer = await onAnswer().ConfigureAwait(false);
                if (answer == EarlyAnswer.StopSending) return false;
                if (answer == EarlyAnswer.StopWatching) break;
            }
        }
        if (!data.IsEmpty) await SendAsync(data, io).ConfigureAwait(false);
        return true;
    }

    private const int MaxSelectMs = 1000;
    private readonly List<System.Net.Sockets.Socket> _readable = new(1), _writable = new(1);

    private (bool Readable, bool Writable) WaitReadableOrWritable(int waitMs, IoContext io)
    {
        try
        {
            _readable.Clear(); _readable.Add(_socket.Socket);
            _writable.Clear(); _writable.Add(_socket.Socket);
            System.Net.Sockets.Socket.Select(_readable, _writable, null, waitMs * 1000);
            return (_readable.Count > 0, _writable.Count > 0);
        }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    // A blocking send of no more than the socket takes without waiting: Linux reports a TCP socket writable only
    // while at least a third of SO_SNDBUF is free (in kernel bytes, which carry some overhead per packet), so a
    // quarter of it goes in at once. Not a flag per call (.NET refuses MSG_DONTWAIT) and not SO_SNDTIMEO slices alone:
    // when a timed-out send took part of its data .NET reports 0 bytes, and resending would corrupt the body. Should
    // the kernel wait anyway, StallLimitMs ends the send; -1 then says the connection is out of step.
    private int SendWhatFits(ReadOnlySpan<byte> data, IoContext io)
    {
        var socket = _socket.Socket;
        try
        {
            if (!socket.Poll(0, SelectMode.SelectWrite)) return 0;
            socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.SendBuffer, _sendBufferSize);   // SendBufferSize would box an int per piece
            int room = Math.Max(BitConverter.ToInt32(_sendBufferSize) / 4, 1);
            ApplyTimeout(ref _sendTimeoutMs, io, SocketOptionName.SendTimeout, StallLimitMs, mayFireEarly: false);
            int sent = socket.Send(data.Length > room ? data[..room] : data, SocketFlags.None, out var error);
            _awaitingAnswer = true;
            if (error == SocketError.Success) return sent;
            if (error is SocketError.TimedOut or SocketError.WouldBlock && !io.DeadlinePassed) return -1;
            throw SendFailure(new SocketException((int)error), io);
        }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
    }

    private const int StallLimitMs = MaxSelectMs;
    private readonly byte[] _sendBufferSize = new byte[sizeof(int)];

    // A send stalled after the peer stopped reading: how much of it went out is unknown, so the body cannot go on.
    // The usual reason is a refusal on its way; wait for it (or the deadline) and let it be the result.
    private async ValueTask<bool> AfterStalledSendAsync(IoContext io, Func<ValueTask<EarlyAnswer>> onAnswer)
    {
        while (true)
        {
            int remaining = io.RemainingMs;
            if (remaining == 0) throw io.TimedOut();
            int waitMs = remaining == Timeout.Infinite || remaining > MaxSelectMs ? MaxSelectMs : remaining;
            bool readable;
            try { readable = _socket.Socket.Poll(waitMs * 1000, SelectMode.SelectRead); }
            catch (SocketException ex) { throw SendFailure(ex, io); }
            catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
            if (!readable) continue;
            var answer = await onAnswer().ConfigureAwait(false);
            if (answer == EarlyAnswer.StopSending) return false;
            if (answer == EarlyAnswer.StopWatching)
                throw new CurlException(CurlCode.SendError, "Send failure: the peer stopped reading the body part-way through a send");
        }
    }

    // The asynchronous twin: each send races a zero-byte read; when the peer speaks first the answer is read while the
    // send is still in flight, and the send is cancelled only if the answer refuses the body.
    private async ValueTask<bool> SendWatchingAsyncCore(ReadOnlyMemory<byte> data, IoContext io, bool lookFirst, Func<ValueTask<EarlyAnswer>> onAnswer)
    {
        bool watching = true;
        while (lookFirst && watching && WaitReadableOrWritable(0, io).Readable)
        {
            var answer = await onAnswer().ConfigureAwait(false);
            if (answer == EarlyAnswer.StopSending) return false;
            watching = answer == EarlyAnswer.KeepWatching;
        }
        var stop = StopSource(io);
        Task? watch = null;
        try
        {
            while (!data.IsEmpty)
            {
                var sending = Watched(_socket.Socket.SendAsync(data, SocketFlags.None, stop.Token));
                if (sending.IsCompletedSuccessfully)
                {
                    data = data[sending.Result..];   // the socket took it at once: nothing to race, nothing allocated
                    continue;
                }
                var send = sending.AsTask();
                while (watching && !send.IsCompleted)
                {
                    watch ??= Watched(_socket.Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, stop.Token)).AsTask();
                    if (await Task.WhenAny(send, watch).ConfigureAwait(false) == send) break;
                    watch = null;   // the peer said something (or the connection broke: the read will tell)
                    var answer = await onAnswer().ConfigureAwait(false);
                    if (answer == EarlyAnswer.StopSending)
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                        try { await send.ConfigureAwait(false); }
                        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
                        return false;
                    }
                    if (answer == EarlyAnswer.StopWatching) watching = false;
                }
                data = data[await send.ConfigureAwait(false)..];
            }
            _awaitingAnswer = true;
            return true;
        }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
        catch (SocketException ex) { throw SendFailure(ex, io); }
        catch (ObjectDisposedException) { throw Closed("Send", CurlCode.SendError); }
        finally
        {
            if (watch is not null)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                try { await watch.ConfigureAwait(false); }
                catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException) { }
            }
        }
    }

    private CancellationTokenSource? _stop;
    private CancellationToken _stopLinkedTo;

    // The source that can stop a watched send: one for all the pieces of a body (and later bodies) while the
    // transfer's token stays the same and nothing cancelled it, rather than a new linked source per 64 KiB piece.
    private CancellationTokenSource StopSource(IoContext io)
    {
        var token = io.Token;
        if (_stop is not null && _stopLinkedTo == token && _stop.TryReset()) return _stop;
        _stop?.Dispose();
        _stopLinkedTo = token;
        return _stop = token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(token) : new CancellationTokenSource();
    }

    public override async ValueTask<bool> WaitReadableAsync(int timeoutMs, IoContext io)
    {
        int remaining = io.RemainingMs;
        if (remaining != Timeout.Infinite) timeoutMs = Math.Min(timeoutMs, remaining);
        if (io.Synchronous || timeoutMs == 0)   // a zero wait is a poll in either mode: an instant answer, not a raced cancellation
        {
            try { return _socket.Socket.Poll(timeoutMs * 1000L > int.MaxValue ? -1 : timeoutMs * 1000, SelectMode.SelectRead); }
            catch (SocketException ex) { throw ReceiveFailure(ex, io); }
        }
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(io.Token);
        wait.CancelAfter(timeoutMs);
        try
        {
            await Watched(_socket.Socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, wait.Token)).ConfigureAwait(false);  // zero-byte read: waits for data
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

    /// <summary>Nothing is held above the kernel here: unread socket bytes show up in <see cref="IsAlive"/> instead.</summary>
    public override bool DataPending() => false;

    /// <summary>A plain socket knows no ALPN, TLS version or cipher.</summary>
    public override string? Query(FilterQuery query) => null;

    /// <summary>TCP needs no goodbye beyond the close itself.</summary>
    public override ValueTask ShutdownAsync(int timeoutMs) => ValueTask.CompletedTask;

    public override void ShutdownSend()
    {
        if (_socket.IsClosed) return;
        try { _socket.Socket.Shutdown(SocketShutdown.Send); }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // already gone: the close follows anyway
    }

    public override void Close()
    {
        DiscardUnread();
        _socket.Close();
        _stop?.Dispose();   // unhooks it from the transfer's token
    }

    // Closing a socket whose receive queue still holds bytes makes the kernel send a reset instead of a FIN, and the peer
    // may then drop what it had not processed yet: vsftpd fails a TLS upload with 426 when the TLS 1.3 session tickets it
    // sent on the data connection were never read. So what is already queued (a little, bounded) is read and dropped
    // first, without waiting for more. Skipped while a low-water mark is set, which could make the read wait.
    private const int DiscardLimit = 64 * 1024;

    private void DiscardUnread()
    {
        if (LowWaterSet) return;
        try
        {
            var socket = _socket.Socket;
            if (socket.SafeHandle.IsClosed || socket.Available <= 0) return;
            Span<byte> scratch = stackalloc byte[4096];
            for (int discarded = 0; discarded < DiscardLimit && socket.Available > 0;)
            {
                int n = socket.Receive(scratch);
                if (n <= 0) break;
                discarded += n;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // closing anyway
    }

    // A blocking receive returns as soon as any data is there, so a fast reader of a big body wakes for every segment
    // the kernel queues and copies a little at a time. With SO_RCVLOWAT the kernel wakes it only once a good amount has
    // arrived: fewer wake-ups and system calls per byte (an asynchronous read's readiness follows the same mark).
    // Guard rails: only while at least that many bytes are certain to come (a Content-Length body), back to 1 before
    // the last part, and each wait bounded by a short timeout, after which whatever came is delivered (a slow sender
    // is never held back for long).
    // Asynchronous reads use a higher mark (see BulkReadBytes): each readiness
    // wake-up costs them a thread-pool hop, where a blocking read only wakes its own thread.
    private const int LowWaterMark = 256 * 1024;   // with the wide receive buffer 256 KiB beat 128 (median 5.0 -> 6.8 GB/s from nginx, both server patterns)
    private const int LowWaterWorthItFactor = 4;   // for a small body the setsockopt calls cost more than they save
    private const int LowWaterWaitMs = 50;
    private int _lowWater;   // the mark now set; 0 = none (the kernel's 1)
    private bool LowWaterSet => _lowWater != 0;

    public override void ExpectBytes(long bytes, IoContext io)
    {
        int mark = io.Synchronous ? LowWaterMark : BulkReadBytes;
        bool want = bytes >= (long)LowWaterWorthItFactor * mark || (_lowWater == mark && bytes >= mark);
        int next = want ? mark : 0;
        if (!want) _widenAtNext = false;
        else if (_mayWidenWindow && _widenAtNext)
        {
            _mayWidenWindow = false;
            ReceiveWindow.TryWiden(_socket.Socket);
        }
        else if (_mayWidenWindow) _widenAtNext = true;   // the next call comes after the long body's first receive
        if (next != _lowWater) SetLowWater(next);
    }

    // The wide buffer goes on after the long body's first receive, never before it (see ReceiveWindow for why).
    private bool _widenAtNext;

    private void SetLowWater(int mark)
    {
        try
        {
            _socket.Socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, mark == 0 ? 1 : mark);
            _lowWater = mark;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // a hint only: read as before
    }

    // Blocking calls honour the transfer deadline through SO_RCVTIMEO/SO_SNDTIMEO; set only when it changes. A timeout
    // that may fire early (a receive, retried for the rest of the time) is set a little short and kept while it is
    // still shorter than what is left, so a stream of reads does not cost a setsockopt each; it never outlasts the
    // deadline, so the transfer stops on time. A send's timeout is exact: a timed-out send cannot be retried.
    private void ApplyTimeout(ref int current, IoContext io, SocketOptionName option, int cap, bool mayFireEarly)
    {
        int wanted = io.RemainingMs;
        if (wanted == 0) throw io.TimedOut();
        if (cap != Timeout.Infinite && (wanted == Timeout.Infinite || wanted > cap)) wanted = cap;
        if (wanted == Timeout.Infinite) wanted = 0;   // 0 = wait forever for SO_RCVTIMEO/SO_SNDTIMEO
        if (wanted == current) return;
        bool deadline = wanted != 0 && cap == Timeout.Infinite;
        if (deadline && mayFireEarly && current != 0 && current <= wanted && current >= wanted - wanted / 4) return;
        if (deadline && mayFireEarly && wanted > ShortenAboveMs) wanted -= wanted / 8;
        _socket.Socket.SetSocketOption(SocketOptionLevel.Socket, option, wanted);
        current = wanted;
    }

    private const int ShortenAboveMs = 1000;

    private static bool IsTimeout(SocketException ex) => ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock;

    // Only Curlew's own deadline gives OperationTimedout: a TCP "connection timed out" (ETIMEDOUT) is a receive or
    // send failure, as in libcurl. The OS error goes to CURLINFO_OS_ERRNO.
    internal static Exception ReceiveFailure(SocketException ex, IoContext io)
    {
        if (IsTimeout(ex) && io.Synchronous && io.DeadlinePassed) return io.TimedOut();
        return new CurlException(CurlCode.RecvError, $"Recv failure: {Describe(ex)}", ex) { OsErrno = ex.NativeErrorCode };
    }

    internal static Exception SendFailure(SocketException ex, IoContext io)
    {
        if (IsTimeout(ex) && io.Synchronous && io.DeadlinePassed) return io.TimedOut();
        return new CurlException(CurlCode.SendError, $"Send failure: {Describe(ex)}", ex) { OsErrno = ex.NativeErrorCode };
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
