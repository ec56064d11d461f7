using Curlew.Protocols;
using Curlew.Connect;
using Curlew.Diagnostics;
using Curlew.Http;
using Curlew.Sockets;
using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>
/// One perform, from options to bytes delivered: parses the URL, picks the protocol handler for its scheme, wires the
/// socket factory (with the user's lifecycle callbacks), the connection provider, the sinks and the progress meter,
/// and records what <c>GetInfo</c> reports. The follow loop is in <c>TransferEngine.Follow.cs</c>.
/// </summary>
internal sealed partial class TransferEngine(EasyOptions options, TransferInfo info, ConnectionPool pool, RoutePlanner routes, ConnectSnapshot snapshots, SocketLedger ledger, ParsedUrlCache urls)
{
    public async ValueTask RunAsync(bool synchronous, CancellationToken cancellationToken)
    {
        using var io = new IoContext(synchronous, options.TimeoutMs, cancellationToken)
        {
            Events = TransferEvents.For(options.Verbose, options.DebugFunction, options.DebugData, options.Stderr),
        };
        var factory = new SocketFactory(new SocketCallbacks(
            options.OpenSocketFunction, options.OpenSocketData,
            options.SockOptFunction, options.SockOptData,
            options.CloseSocketFunction, options.CloseSocketData), ledger);
        var connections = new ConnectionProvider(snapshots.Take(options), pool, routes, factory);
        try
        {
            var url = ParseUrl();
            info.Scheme = url.Scheme.ToUpperInvariant();
            info.EffectiveUrl = url.ToString();
            var progress = new ProgressMeter(options.XferInfoFunction, options.XferInfoData, enabled: !options.NoProgress);
            var lowSpeed = new LowSpeedGuard(options.LowSpeedLimit, options.LowSpeedTime);
            if (progress.IsActive || lowSpeed.IsActive)
                io.IdleTick = () => { progress.Report(); lowSpeed.Check(io.BytesReceived + io.BytesSent); };
            if (options.AcceptEncoding is not null)
                throw new CurlException(CurlCode.NotBuiltIn, "Content decoding (AcceptEncoding) is not supported by this Curlew release yet");
            var body = OutputSink.ForBody(options.WriteFunction, options.WriteData);
            var headers = OutputSink.ForHeaders(options.HeaderFunction, options.HeaderData, options.WriteFunction);
            await FollowAsync(url, new TransferContext(connections, io, info, progress, lowSpeed, body, headers)).ConfigureAwait(false);
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
            info.TotalTimeUs = Math.Max(1, io.ElapsedMicroseconds);
            CurlewMetrics.BodyBytesDelivered(info.SizeDownload);
        }
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
