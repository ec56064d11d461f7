using Curlew.Protocols;
using Curlew.Connect;
using Curlew.Diagnostics;
using Curlew.Sockets;
using Curlew.Transfer;

namespace Curlew;

/// <summary>
/// A libcurl-style easy handle: set options, then <see cref="Perform"/> or <see cref="PerformAsync"/> one transfer at a
/// time. The handle keeps its own connection cache across performs; <see cref="Dispose"/> closes every cached connection
/// (through the close-socket callback for sockets that came from the open-socket callback).
/// Not thread-safe: one transfer at a time per handle, like libcurl.
/// </summary>
public sealed partial class CurlEasy : IDisposable
{
    private EasyOptions _options = new();
    private readonly TransferInfo _info = new();
    private readonly ConnectionPool _pool;
    private readonly RoutePlanner _routes = new();
    private readonly ConnectSnapshot _connectSnapshots = new();
    private readonly ParsedUrlCache _urlCache = new();
    private int _busy;
    private bool _disposed;

    /// <summary>Creates a handle with libcurl's default options.</summary>
    public CurlEasy() => _pool = new ConnectionPool(Ledger);

    /// <summary>The human-readable reason for the last failure (libcurl's CURLOPT_ERRORBUFFER); <c>null</c> after success.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>What a user callback threw, when that ended the last transfer (with <see cref="CurlCode.AbortedByCallback"/>).</summary>
    public Exception? CallbackException { get; private set; }

    /// <summary>Every socket event of this handle, for tests and diagnostics.</summary>
    internal SocketLedger Ledger { get; } = new();

    /// <summary>Sets an option the libcurl way. Never throws: unknown options give <see cref="CurlCode.UnknownOption"/>, values of the wrong type or range give <see cref="CurlCode.BadFunctionArgument"/>.</summary>
    public CurlCode SetOpt(CurlOption option, object? value)
    {
        if (_disposed) return CurlCode.BadFunctionArgument;
        return OptionSetter.Set(_options, option, value);
    }

    /// <summary>A fact about the last transfer: <see cref="long"/>, <see cref="string"/> or <see cref="double"/>, as libcurl's type for <paramref name="info"/>; <c>null</c> for unknown ones.</summary>
    public object? GetInfo(CurlInfo info) => InfoReader.Get(_info, info);

    /// <summary>Runs the transfer synchronously on the calling thread.</summary>
    public CurlCode Perform() => Run(synchronous: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>
    /// Runs the transfer asynchronously. Cancelling <paramref name="cancellationToken"/> stops it at any point, closes
    /// (or hands to the close callback) every socket it opened that is not cached, and throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<CurlCode> PerformAsync(CancellationToken cancellationToken = default) =>
        Run(synchronous: false, cancellationToken).AsTask();

    /// <summary>
    /// Puts every option back to its default (libcurl's <c>curl_easy_reset</c>). Cached connections stay cached and are
    /// still closed through the close callback they were opened with.
    /// </summary>
    public void Reset()
    {
        if (Volatile.Read(ref _busy) != 0) throw new InvalidOperationException("Reset was called while a transfer runs on this handle");
        _options = new EasyOptions();
        ErrorMessage = null;
        CallbackException = null;
    }

    /// <summary>Closes every cached connection. The handle cannot be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _pool.CloseAll();
    }

    private async ValueTask<CurlCode> Run(bool synchronous, CancellationToken cancellationToken)
    {
        if (_disposed) return Fail(CurlCode.BadFunctionArgument, "The handle was disposed");
        if (Interlocked.Exchange(ref _busy, 1) != 0) return Fail(CurlCode.RecursiveApiCall, "A transfer is already running on this handle");
        try
        {
            ErrorMessage = null;
            CallbackException = null;
            _info.Reset();
            TransferEvents.TransferStart(_options.Url);
            var engine = new TransferEngine(_options.Clone(), _info, _pool, _routes, _connectSnapshots, Ledger, _urlCache);
            await engine.RunAsync(synchronous, cancellationToken).ConfigureAwait(false);
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

    private CurlCode Fail(CurlCode code, string message)
    {
        ErrorMessage = message;
        TransferEvents.TransferStop(code);
        return code;
    }
}
