using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using Curlew.Connect;
using Curlew.Diagnostics;
using Curlew.Http;
using Curlew.Sockets;
using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>
/// Runs the performs of one handle, from options to bytes delivered: parses the URL, picks the protocol handler for its
/// scheme, wires the socket factory (with the user's lifecycle callbacks), the connection provider, the sinks and the
/// progress meter, and records what <c>GetInfo</c> reports. The follow loop is in <c>TransferEngine.Follow.cs</c>; the
/// parts a handle keeps from one perform to the next (so a keep-alive loop allocates none of them) in
/// <c>TransferEngine.Parts.cs</c>. One perform at a time, like the handle.
/// </summary>
internal sealed partial class TransferEngine(TransferInfo info, RoutePlanner routes, ConnectSnapshot snapshots, SocketLedger ledger, ParsedUrlCache urls)
{
    private EasyOptions options = new();

    /// <summary>Runs one perform with <paramref name="transferOptions"/>, taking and keeping connections in <paramref name="pool"/> (the handle's own, or a share's).</summary>
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    public async ValueTask RunAsync(EasyOptions transferOptions, ConnectionPool pool, bool synchronous, CancellationToken cancellationToken, bool callerWaits = false)
    {
        options = transferOptions;
        _redirects = 0;
        var io = _io;
        io.Start(synchronous, options.TimeoutMs, cancellationToken, TransferEvents.For(options.Verbose, options.DebugFunction, options.DebugData, options.Stderr), callerWaits);
        using var ioScope = io;
        var connections = Connections(snapshots.Take(options), Factory(), pool);
        try
        {
            var url = ParseUrl();
            info.Scheme = SchemeName(url.Scheme);
            info.EffectiveUrl = url.ToString();
            var progress = _progress;
            progress.Start(options.XferInfoFunction, options.XferInfoData, enabled: !options.NoProgress);
            var lowSpeed = _lowSpeed;
            lowSpeed.Start(options.LowSpeedLimit, options.LowSpeedTime);
            if (progress.IsActive || lowSpeed.IsActive) io.IdleTick = _idleTick ??= OnIdleTick;
            if (options.AcceptEncoding is not null)
                throw new CurlException(CurlCode.NotBuiltIn, "Content decoding (AcceptEncoding) is not supported by this Curlew release yet");
            await FollowAsync(url, new TransferContext(connections, io, info, progress, lowSpeed, BodySink(), HeaderSink())).ConfigureAwait(false);
        }
        catch (CurlException ex) when (ex.OsErrno != 0)
        {
            info.OsErrno = ex.OsErrno;
            throw;
        }
        finally
        {
            info.NumConnects = connections.NewConnections;
            // A transfer on a reused connection resolves and connects nothing: libcurl then reports those phases done
            // almost at once, so they end where the request was ready to go.
            info.ConnectTimeUs = connections.ConnectTimeUs > 0 ? connections.ConnectTimeUs : info.PreTransferTimeUs;
            info.NameLookupTimeUs = connections.NameLookupTimeUs > 0 ? connections.NameLookupTimeUs : info.PreTransferTimeUs;
            info.AppConnectTimeUs = connections.AppConnectTimeUs;
            info.SslVerifyResult = io.SslVerifyResult;
            info.HttpConnectCode = io.HttpConnectCode;
            info.TotalTimeUs = Math.Max(1, io.ElapsedMicroseconds);
            CurlewMetrics.BodyBytesDelivered(info.SizeDownload);
        }
    }

    // Progress runs (and may abort) and the low-speed guard judges while a receive waits, about once a second.
    private void OnIdleTick()
    {
        _progress.Report();
        _lowSpeed.Check(_io.BytesReceived + _io.BytesSent);
    }

    private CurlUrl ParseUrl()
    {
        if (string.IsNullOrEmpty(options.Url)) throw new CurlException(CurlCode.UrlMalformat, "No URL set");
        CurlUrl url;
        try { url = urls.Parse(options.Url); }
        catch (CurlException)
        {
            // libcurl reports the URL as given and the method it would have used even when the URL does not parse.
            info.EffectiveUrl = options.Url;
            info.EffectiveMethod = MethodName;
            throw;
        }
        return options.Port != 0 ? url.WithPort(options.Port) : url;   // Port was checked (0-65535) when it was set
    }

    // The method the options ask for, which libcurl reports even when the transfer fails before any request.
    private string MethodName => RequestMethod.Name(options.CustomRequest, options.NoBody, options.Method);
}
