using Curlew.Protocols;
using Curlew.Connect;
using Curlew.Diagnostics;
using Curlew.Sockets;
using Curlew.Transfer;

namespace Curlew;

/// <summary>
/// A libcurl-style easy handle: set options, then <see cref="Perform"/> or <see cref="PerformAsync"/> one transfer at a
/// time. The handle keeps its own connection cache across performs; <see cref="Dispose"/> closes every cached connection
/// (through the close-socket callback for sockets that came from the open-socket callback). With a
/// <see cref="CurlShare"/> that shares CONNECT attached (<see cref="Share"/>), transfers use the share's cache instead.
/// Not thread-safe: one transfer at a time per handle, like libcurl.
/// <para>
/// Options can be set two ways that judge a value alike (one table entry per option): <see cref="SetOpt"/> returns a
/// <see cref="CurlCode"/> and never throws for a bad value, while a typed property (<c>easy.MaxRedirs = -2</c>)
/// throws <see cref="ArgumentOutOfRangeException"/> for a number SetOpt would refuse and <see cref="ArgumentException"/>
/// for other refusals (such as a CR or LF in a header value); the message names the option and says why. Values libcurl
/// clamps rather than refuses (<see cref="BufferSize"/>, <see cref="PostRedir"/>'s unknown bits, negative millisecond
/// timeouts) are clamped the same way by both.
/// </para>
/// </summary>
public sealed partial class CurlEasy : IDisposable
{
    private EasyOptions _options = new();
    private readonly TransferInfo _info = new();
    private readonly ConnectionPool _pool;
    private CurlShare? _share;        // attached (counted in by the share); follows _options.Share
    private readonly TransferEngine _engine;
    private EasyOptions? _running;   // the copy of the options the last perform ran with, reused while none changed
    private bool _optionsChanged = true;
    private int _busy;
    private bool _disposed;

    /// <summary>Creates a handle with libcurl's default options.</summary>
    public CurlEasy()
    {
        _pool = new ConnectionPool(Ledger);
        _engine = new TransferEngine(_info, new RoutePlanner(), new ConnectSnapshot(), Ledger, new ParsedUrlCache());
    }

    /// <summary>
    /// The human-readable reason for the last failure (libcurl's CURLOPT_ERRORBUFFER): set by a failed perform and by a
    /// refused <see cref="SetOpt"/> (naming the option); <c>null</c> on a new handle and after a successful perform.
    /// Still readable after <see cref="Dispose"/>.
    /// </summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>What a user callback threw, when that ended the last transfer (with <see cref="CurlCode.AbortedByCallback"/>); <c>null</c> otherwise.</summary>
    public Exception? CallbackException { get; private set; }

    /// <summary>
    /// Header lines sent only with a request body, after the HttpHeader lines (CurlHttpHandler's content headers): not a
    /// libcurl option, so internal. Lines are taken as given (the handler has refused CR and LF already).
    /// </summary>
    internal IReadOnlyList<string>? BodyHeaders
    {
        get => _options.BodyHeaders;
        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _options.BodyHeaders = value is null ? null : [.. value];
            _optionsChanged = true;
        }
    }

    /// <summary>Every socket event of this handle, for tests and diagnostics.</summary>
    internal SocketLedger Ledger { get; } = new();

    /// <summary>
    /// Sets an option the libcurl way (<c>curl_easy_setopt</c>). Never throws for a bad value: an option number Curlew
    /// does not have gives <see cref="CurlCode.UnknownOption"/>; a value of the wrong type or out of range gives
    /// <see cref="CurlCode.BadFunctionArgument"/> (an HTTP version above 5 gives <see cref="CurlCode.UnsupportedProtocol"/>,
    /// as in libcurl), leaves the option as it was and sets <see cref="ErrorMessage"/> to a message naming the option.
    /// Text that goes into the request (URL, user agent, referer, cookie, range, custom method, credentials, each
    /// custom header) is refused when it holds a CR or LF. During a transfer it changes only the options of the next
    /// one: the running transfer works on its own copy.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public CurlCode SetOpt(CurlOption option, object? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = OptionTable.Find(option);
        if (entry is null)
        {
            ErrorMessage = $"Curlew has no option number {(int)option}";
            return CurlCode.UnknownOption;
        }
        _optionsChanged = true;
        var verdict = entry.Apply(_options, value);
        if (verdict.Accepted && option == CurlOption.Share) verdict = SyncShare();
        if (!verdict.Accepted) ErrorMessage = entry.Message(verdict);
        return verdict.Code;
    }

    // The typed properties' way in: the same table entry as SetOpt, but a refusal throws, as .NET setters do.
    private void Set(CurlOption option, object? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var entry = OptionTable.Find(option) ?? throw new InvalidOperationException($"Curlew's option table has no entry for {option}");
        _optionsChanged = true;
        var verdict = entry.Apply(_options, value);
        if (verdict.Accepted && option == CurlOption.Share) verdict = SyncShare();
        if (verdict.Accepted) return;
        throw verdict.OutOfRange
            ? new ArgumentOutOfRangeException(nameof(value), value, entry.Message(verdict))
            : new ArgumentException(entry.Message(verdict), nameof(value));
    }

    /// <summary>
    /// A fact about the last transfer (<c>curl_easy_getinfo</c>): <see cref="long"/>, <see cref="string"/> or
    /// <see cref="double"/>, as libcurl's type for <paramref name="info"/>; <c>null</c> for unknown ones. The typed
    /// <see cref="GetInfoLong"/>, <see cref="GetInfoString"/> and <see cref="GetInfoDouble"/> save the cast. Still works after <see cref="Dispose"/>.
    /// </summary>
    public object? GetInfo(CurlInfo info) => InfoReader.Get(_info, info);

    /// <summary>
    /// Runs the transfer synchronously on the calling thread (<c>curl_easy_perform</c>). Called while a transfer runs on
    /// this handle (say, from one of its callbacks) it returns <see cref="CurlCode.RecursiveApiCall"/> (93) at once.
    /// While the handle is in a multi handle (<c>CurlMulti</c>) it returns <see cref="CurlCode.FailedInit"/> (2), as libcurl does.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public CurlCode Perform()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (InMulti) return Fail(CurlCode.FailedInit, InMultiMessage);
        return Run(synchronous: true, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Runs the transfer asynchronously. Cancelling <paramref name="cancellationToken"/> stops it at any point, closes
    /// (or hands to the close callback) every socket it opened that is not cached, and throws <see cref="OperationCanceledException"/>.
    /// While another transfer runs on this handle it completes with <see cref="CurlCode.RecursiveApiCall"/> (93); while
    /// the handle is in a multi handle, with <see cref="CurlCode.FailedInit"/> (2).
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed (thrown at once, not through the task).</exception>
    public Task<CurlCode> PerformAsync(CancellationToken cancellationToken = default)
    {
        bool ownThread = IoContext.OnApplicationsOwnThread;   // read before the transfer starts
        var transfer = StartAsync(cancellationToken, callerWaits: true);   // the application's call: its thread may wait in place
        return transfer.IsCompleted || !ownThread ? transfer.AsTask() : CompletedAsynchronously(transfer);
    }

    // Started on the application's own thread, a transfer may finish on Curlew's readiness waiter (see ReadinessWaiter):
    // the application's continuations then run on the thread pool, never there, while a thread blocked on the task
    // still wakes directly, without a hop. (Elsewhere the plain task: no waiter, and no extra allocation.)
    private static Task<CurlCode> CompletedAsynchronously(ValueTask<CurlCode> transfer)
    {
        var completion = new TaskCompletionSource<CurlCode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = transfer.AsTask();
        // The outcome as it is: the result, or the very exception (cancellation keeps its own exception and token).
        finished.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => completion.TrySetFromTask(finished));
        return completion.Task;
    }

    /// <summary>
    /// <see cref="PerformAsync"/> for callers inside the library that await the result once (the HTTP handler): the
    /// engine's own ValueTask, without the Task that the public method wraps it in for its callers.
    /// </summary>
    internal ValueTask<CurlCode> PerformOnceAsync(CancellationToken cancellationToken) => StartAsync(cancellationToken, callerWaits: false);

    private ValueTask<CurlCode> StartAsync(CancellationToken cancellationToken, bool callerWaits)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (InMulti) return new ValueTask<CurlCode>(Fail(CurlCode.FailedInit, InMultiMessage));
        return Run(synchronous: false, cancellationToken, callerWaits: callerWaits);
    }

    /// <summary>
    /// Puts every option back to its default (libcurl's <c>curl_easy_reset</c>), except <see cref="Share"/>: as in
    /// libcurl, an attached share stays attached. Cached connections stay cached and are
    /// still closed through the close callback they were opened with. During a transfer (from a callback) it resets only
    /// the options of the next transfer: the running one keeps the copy it started with.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The handle was disposed.</exception>
    public void Reset()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _options = new EasyOptions { Share = _options.Share };
        _optionsChanged = true;
        ErrorMessage = null;
        CallbackException = null;
    }

    /// <summary>
    /// Closes every connection in the handle's own cache (<c>curl_easy_cleanup</c>) and detaches its share, whose
    /// cache keeps the connections this handle left there (they still close through this handle's close callback,
    /// once, when the share evicts them or ends); calling it again does nothing. Afterwards
    /// <see cref="Perform"/>, <see cref="PerformAsync"/>, <see cref="SetOpt"/>, <see cref="Reset"/> and the property
    /// setters throw <see cref="ObjectDisposedException"/>; <see cref="ErrorMessage"/>, <see cref="GetInfo"/> and the
    /// property getters still read what the handle last had. A transfer running when it is called finishes and then
    /// closes its connection instead of caching it.
    /// </summary>
    public void Dispose()
    {
        if (_disposed) return;
        LeaveMultiOnDispose();   // as curl_easy_cleanup: out of its multi first, its transfer there aborted
        _disposed = true;
        _pool.CloseAll();
        _share?.Detach();
        _share = null;
    }

    // Makes the attached share follow the stored option: the old one is counted out, the new one in (libcurl's
    // CURLOPT_SHARE does the same at once, not at the next perform). A share that ended meanwhile is refused.
    private OptionVerdict SyncShare()
    {
        var wanted = _options.Share as CurlShare;
        if (ReferenceEquals(wanted, _share)) return OptionVerdict.Ok;
        _share?.Detach();
        _share = null;
        if (wanted is null) return OptionVerdict.Ok;
        if (!wanted.Attach())
        {
            _options.Share = null;
            return OptionVerdict.Bad("the share has been cleaned up or disposed");
        }
        _share = wanted;
        return OptionVerdict.Ok;
    }

    // The share's pool while one sharing CONNECT is attached, else the handle's own (whose idle connections wait there).
    // A share's pool wins over a multi's, as in libcurl.
    private ConnectionPool PoolForTransfer() => _share?.ConnectionPool ?? _multiPool ?? _pool;

    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(Curlew.Async.SharedPoolValueTaskBuilder<>))]   // PerformAsync's Task is then a small wrapper, not the whole state machine
    private async ValueTask<CurlCode> Run(bool synchronous, CancellationToken cancellationToken, bool byOwner = false, bool callerWaits = false)
    {
        if (Interlocked.Exchange(ref _busy, 1) != 0) return Fail(CurlCode.RecursiveApiCall, "A transfer is already running on this handle");
        if (InMulti && !byOwner)
        {
            Volatile.Write(ref _busy, 0);   // added to a multi meanwhile: the multi runs it now
            return Fail(CurlCode.FailedInit, InMultiMessage);
        }
        try
        {
            ErrorMessage = null;
            CallbackException = null;
            _info.Reset();
            TransferEvents.TransferStart(_options.Url);
            await _engine.RunAsync(OptionsForTransfer(), PoolForTransfer(), synchronous, cancellationToken, callerWaits).ConfigureAwait(false);
            // A callback's refused re-entrant Perform wrote its message here meanwhile; a success leaves none.
            ErrorMessage = null;
            TransferEvents.TransferStop(CurlCode.Ok);
            return CurlCode.Ok;
        }
        catch (CurlException ex)
        {
            CallbackException = ex.CallbackException;
            return Fail(ex.Code, ex.Message);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            ErrorMessage = "The transfer was cancelled";
            TransferEvents.TransferCancelled();
            throw;
        }
        catch (Exception ex)
        {
            // A bug or a hostile callback object we did not foresee: report it, never crash the caller. Only the
            // caller's own token may end a transfer with OperationCanceledException; any other one lands here.
            return Fail(CurlCode.FailedInit, $"Internal error: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            Volatile.Write(ref _busy, 0);
        }
    }

    // The running transfer works on its own copy, so a callback changing options cannot disturb it; the copy is made
    // again only after an option was set (or Reset), so a keep-alive loop on unchanged options copies nothing.
    private EasyOptions OptionsForTransfer()
    {
        if (_running is null || _optionsChanged)
        {
            _optionsChanged = false;
            _running = _options.Clone();
        }
        return _running;
    }

    private CurlCode Fail(CurlCode code, string message)
    {
        ErrorMessage = message;
        TransferEvents.TransferStop(code);
        return code;
    }
}
