using System.Diagnostics;
using Curlew.Diagnostics;

namespace Curlew.Connect;

/// <summary>Which part of a transfer is running, so a timeout can say what timed out.</summary>
internal enum TransferPhase { Resolving, Connecting, Transferring }

/// <summary>
/// How one transfer does I/O: synchronously (blocking calls, so the async code paths complete inline with no
/// thread hops) or asynchronously with a cancellation token; plus the overall deadline that <c>TimeoutMs</c> sets and,
/// while a connection is being made, the connect deadline (<see cref="BeginConnect"/>), whichever comes first.
/// </summary>
internal sealed class IoContext : IDisposable
{
    private long _startTicks;
    private long _deadlineTicks;                   // 0 = no deadline
    private CancellationTokenSource? _deadlineSource;   // kept from one transfer to the next while it never fired
    private CancellationTokenRegistration _userLink;     // the caller's token, hooked to _deadlineSource for one transfer
    private bool _deadlineArmed;
    private CancellationToken _userToken;
    private CancellationToken _transferToken;
    private long _connectDeadlineTicks;            // 0 = not connecting
    private CancellationTokenSource? _connectSource;

    public IoContext(bool synchronous, long timeoutMs, CancellationToken userToken, bool callerWaits = false) =>
        Start(synchronous, timeoutMs, userToken, TransferEvents.Off, callerWaits);

    /// <summary>An idle context for a handle to <see cref="Start"/> once per perform: reused, so a keep-alive loop allocates none.</summary>
    public IoContext() { }

    /// <summary>
    /// Begins a transfer on this context: the clock, the deadline and the token start afresh, every counter is zero.
    /// <c>callerWaits</c> says an asynchronous transfer was started by the application's own call (the public
    /// PerformAsync), whose caller may wait for it: see <see cref="OnWaitingCaller"/>. Never a multi's or the HTTP handler's.
    /// </summary>
    public void Start(bool synchronous, long timeoutMs, CancellationToken userToken, TransferEvents events, bool callerWaits = false)
    {
        _startTicks = Stopwatch.GetTimestamp();
        Synchronous = synchronous;
        _waitingCallerThread = !synchronous && callerWaits && OnApplicationsOwnThread
            ? Environment.CurrentManagedThreadId
            : 0;
        Events = events;
        timeoutMs = Math.Clamp(timeoutMs, 0, int.MaxValue);   // the typed property is unchecked; 24 days is "forever" enough
        TimeoutMs = timeoutMs;
        _userToken = userToken;
        _deadlineTicks = timeoutMs > 0 ? _startTicks + timeoutMs * Stopwatch.Frequency / 1000 : 0;
        _connectDeadlineTicks = 0;
        DisarmDeadline();   // a context that was not disposed after its last transfer
        _transferToken = !synchronous && (timeoutMs > 0 || userToken.CanBeCanceled) ? ArmDeadline(timeoutMs, userToken) : userToken;
        if (_tick is not null && _transferToken.CanBeCanceled) DropTick();   // a tick kept from before hangs on no token
        Phase = default;
        BytesReceived = BytesSent = ResponseBytesReceived = 0;
        BytesExpected = -1;
        HttpConnectCode = 0;
        ProxyHeaderLine = null;
        IdleTick = null;
    }

    public bool Synchronous { get; private set; }

    /// <summary>
    /// The calling thread is one of the application's own: neither a thread-pool thread nor under a synchronization
    /// context (a UI thread), nor Curlew's readiness waiter. Such a thread usually waits for what it started.
    /// </summary>
    public static bool OnApplicationsOwnThread =>
        !Thread.CurrentThread.IsThreadPoolThread && SynchronizationContext.Current is null && !Tcp.ReadinessWaiter.OnWaiterThread;

    private int _waitingCallerThread;   // the application thread that started this asynchronous transfer, or 0

    /// <summary>
    /// Whether this asynchronous transfer still runs on the application thread that started it, one that is neither a
    /// thread-pool thread nor under a synchronization context (a UI thread): a thread of the caller's own, which
    /// usually waits for the transfer anyway, so a short wait in place for an answer takes work from no one.
    /// </summary>
    public bool OnWaitingCaller => _waitingCallerThread != 0 && Environment.CurrentManagedThreadId == _waitingCallerThread;

    /// <summary>Where every layer reports what happens (trace, debug callback, EventSource, meter).</summary>
    public TransferEvents Events { get; set; } = TransferEvents.Off;
    public long TimeoutMs { get; private set; }
    /// <summary>Fires on the caller's cancellation, the overall deadline and, while connecting, the connect deadline.</summary>
    public CancellationToken Token => _connectSource?.Token ?? _transferToken;

    /// <summary>The caller's own token, without the deadlines: for work after the transfer itself (a goodbye) that the caller may still call off.</summary>
    public CancellationToken UserToken => _userToken;
    public TransferPhase Phase { get; set; }

    /// <summary>Body bytes received so far in this transfer, all responses together (for the low-speed check).</summary>
    public long BytesReceived { get; set; }

    /// <summary>Body bytes of the current response so far and expected (-1 unknown), for the timeout message.</summary>
    public long ResponseBytesReceived { get; set; }
    public long BytesExpected { get; set; } = -1;

    /// <summary>OpenSSL's X509_V_* number for the last TLS peer check of this transfer (CURLINFO_SSL_VERIFYRESULT; 0 = ok).</summary>
    public long SslVerifyResult { get; set; }

    /// <summary>The HTTP proxy's answer to the last CONNECT of this transfer (CURLINFO_HTTP_CONNECTCODE; 0 = none).</summary>
    public long HttpConnectCode { get; set; }

    /// <summary>
    /// Where a proxy's CONNECT response lines go (each with its line ending), handed down by the protocol above so they
    /// reach the header callback as libcurl delivers them; null = nowhere. Reset at every start.
    /// </summary>
    public Func<ReadOnlyMemory<byte>, ValueTask>? ProxyHeaderLine { get; set; }

    /// <summary>Request body bytes sent so far (for the low-speed check).</summary>
    public long BytesSent { get; set; }

    public long ElapsedMs => (long)Stopwatch.GetElapsedTime(_startTicks).TotalMilliseconds;

    public long ElapsedMicroseconds => (long)(Stopwatch.GetElapsedTime(_startTicks).TotalMilliseconds * 1000);

    /// <summary>Milliseconds left before the deadline; <see cref="Timeout.Infinite"/> when there is none.</summary>
    public int RemainingMs
    {
        get
        {
            long deadline = NearestDeadline;
            if (deadline == 0) return Timeout.Infinite;
            long ticks = deadline - Stopwatch.GetTimestamp();
            if (ticks <= 0) return 0;
            // Rounded up: a wait this long never ends before the deadline, and 0 means it has passed.
            long left = (ticks * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency;
            return (int)Math.Min(left, int.MaxValue);
        }
    }

    /// <summary>
    /// Called about once a second while a receive waits, so the progress callback can run (and abort) during a stall,
    /// as libcurl calls it at least once per second. Null when nobody listens.
    /// </summary>
    public Action? IdleTick { get; set; }

    public const int IdleTickMs = 1000;

    private CancellationTokenSource? _tick;
    private bool _tickLinked;   // a linked tick belongs to one transfer's token; an unlinked one can serve the next transfer

    /// <summary>A token that fires after <see cref="IdleTickMs"/> (or on cancellation/timeout); reused across reads so ticking allocates nothing per chunk.</summary>
    public CancellationToken StartTick() => StartTick(IdleTickMs);

    /// <summary>Like <see cref="StartTick()"/>, firing after <paramref name="milliseconds"/>.</summary>
    public CancellationToken StartTick(int milliseconds)
    {
        if (_tick is null || !_tick.TryReset())
        {
            _tick?.Dispose();
            _tickLinked = Token.CanBeCanceled;
            _tick = _tickLinked ? CancellationTokenSource.CreateLinkedTokenSource(Token) : new CancellationTokenSource();
        }
        _tick.CancelAfter(milliseconds);
        return _tick.Token;
    }

    public bool DeadlinePassed => NearestDeadline is var d && d != 0 && Stopwatch.GetTimestamp() >= d;

    private long NearestDeadline =>
        _connectDeadlineTicks != 0 && (_deadlineTicks == 0 || _connectDeadlineTicks < _deadlineTicks) ? _connectDeadlineTicks : _deadlineTicks;

    /// <summary>
    /// Starts the connect deadline: until the returned scope ends, <see cref="RemainingMs"/>, <see cref="Token"/> and
    /// <see cref="DeadlinePassed"/> also answer to it, so resolving, the TCP connect and every handshake above share
    /// one budget, as libcurl's CURLOPT_CONNECTTIMEOUT_MS does. When it ends the phase is Transferring.
    /// </summary>
    public ConnectDeadline BeginConnect(long connectTimeoutMs)
    {
        long ms = ConnectDeadline.Budget(connectTimeoutMs);
        _connectDeadlineTicks = Stopwatch.GetTimestamp() + ms * Stopwatch.Frequency / 1000;
        DropTick();   // a tick linked to the transfer token would not see the connect deadline
        if (!Synchronous)
        {
            _connectSource = CancellationTokenSource.CreateLinkedTokenSource(_transferToken);
            _connectSource.CancelAfter(TimeSpan.FromMilliseconds(ms));
        }
        return new ConnectDeadline(this);
    }

    internal void EndConnect()
    {
        _connectDeadlineTicks = 0;
        DropTick();   // linked to the connect token, which goes now
        _connectSource?.Dispose();
        _connectSource = null;
        Phase = TransferPhase.Transferring;
    }

    // An asynchronous transfer with a deadline or a cancellable token works on one token that both fire. Its source is
    // kept for the next transfer (its timer re-armed, the caller's token hooked anew) rather than a linked source and a
    // timer made and disposed per perform: those cost ~290 managed bytes per keep-alive request. It is made afresh only
    // after it fired. Never TryReset: that would also unhook the sources linked to it (SocketFilter's send stop).
    private CancellationToken ArmDeadline(long timeoutMs, CancellationToken userToken)
    {
        if (_deadlineSource is { IsCancellationRequested: true })
        {
            _deadlineSource.Dispose();
            _deadlineSource = null;
        }
        var source = _deadlineSource ??= new CancellationTokenSource();
        _deadlineArmed = true;
        if (userToken.CanBeCanceled) _userLink = userToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source);
        if (timeoutMs > 0) source.CancelAfter(TimeSpan.FromMilliseconds(timeoutMs));
        return source.Token;
    }

    // Ends the transfer's hold on the deadline source: the caller's token no longer reaches it (Dispose waits for a
    // cancellation running on another thread) and its timer stops, so nothing fires it before the next transfer.
    private void DisarmDeadline()
    {
        if (!_deadlineArmed) return;
        _deadlineArmed = false;
        _userLink.Dispose();
        _userLink = default;
        _deadlineSource?.CancelAfter(Timeout.Infinite);
    }

    private void DropTick()
    {
        _tick?.Dispose();
        _tick = null;
    }

    /// <summary>Throws the right error when an operation was cancelled: the user's cancellation, else our timeout.</summary>
    public Exception Interrupted(OperationCanceledException ex)
    {
        if (_userToken.IsCancellationRequested) return new OperationCanceledException(ex.Message, ex, _userToken);
        return TimedOut();
    }

    public void ThrowIfStopped()
    {
        _userToken.ThrowIfCancellationRequested();
        if (DeadlinePassed) throw TimedOut();
    }

    /// <summary>The timeout error, worded like curl's for the phase we are in.</summary>
    public CurlException TimedOut() => new(CurlCode.OperationTimedout, Phase switch
    {
        TransferPhase.Resolving => $"Resolving timed out after {ElapsedMs} milliseconds",
        TransferPhase.Connecting => $"Connection timed out after {ElapsedMs} milliseconds",
        _ when BytesExpected >= 0 => $"Operation timed out after {ElapsedMs} milliseconds with {ResponseBytesReceived} out of {BytesExpected} bytes received",
        _ => $"Operation timed out after {ElapsedMs} milliseconds with {ResponseBytesReceived} bytes received",
    });

    /// <summary>Ends the transfer's timers. The deadline source and a tick timer that hangs on no token stay (stopped) for the next <see cref="Start"/>.</summary>
    public void Dispose()
    {
        if (_tick is not null && (_tickLinked || !_tick.TryReset())) DropTick();
        _connectSource?.Dispose();
        _connectSource = null;
        DisarmDeadline();
    }
}
