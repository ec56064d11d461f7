using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using System.Net;
using Curlew.Connect;
using Curlew.Http.Auth;

namespace Curlew.Http;

/// <summary>
/// HTTP/1.1 as the engine's handler for "http": runs one request per hop (the first one from the settings, a
/// redirected one from what the redirect carried over), retrying once on a fresh connection when a reused one turns
/// out dead before answering, applies FailOnError and resume checks, delivers or drains the body, gives the
/// connection back, and reports a redirect for the engine to follow.
/// </summary>
internal sealed class HttpProtocol(HttpSettings s, TransferContext c) : IProtocolHandler
{
    // Unpacked under the names the request path has always used, so it reads (and rebases) as before.
    private readonly ConnectionProvider connections = c.Connections;
    private readonly IoContext io = c.Io;
    private readonly TransferInfo info = c.Info;
    private readonly ProgressMeter progress = c.Progress;
    private readonly LowSpeedGuard lowSpeed = c.LowSpeed;
    private readonly OutputSink body = c.Body;
    private readonly OutputSink? headers = c.Headers;
    private readonly HttpAuthSession _auth = new(s.HttpAuth, s.UserPwd, callerAuthorizes: s.Custom.Overrides("Authorization"));

    // Kept across requests and performs (one at a time), so a keep-alive request allocates none of them.
    private HttpExchange? _exchange;
    private HttpBodyReader? _bodyReader;
    private HttpRequest? _firstRequest;
    private Func<ReadOnlyMemory<byte>, ValueTask>? _proxyHeaderLine;

    // A proxy's CONNECT response counts and is delivered like a response head (libcurl's CURLINFO_HEADER_SIZE counts it).
    private async ValueTask OnProxyHeaderLineAsync(ReadOnlyMemory<byte> line)
    {
        info.HeaderSize += line.Length;
        if (headers is not null) await headers.WriteAsync(line, io).ConfigureAwait(false);
        if (s.Header) await body.WriteAsync(line, io).ConfigureAwait(false);
    }

    /// <summary>
    /// Whether this handler can serve the next perform of its handle: only with the very same settings snapshot (the
    /// handle makes a new one when an HTTP option changes) and the same transfer parts. It then forgets the last
    /// perform's authentication state, as a new handler would have none.
    /// </summary>
    public bool TryRestart(HttpSettings settings, in TransferContext context)
    {
        if (!ReferenceEquals(settings, s) || context != c) return false;
        _auth.Clear();
        return true;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    public async ValueTask<HopResult> PerformAsync(Hop hop)
    {
        info.SizeUpload = 0;   // libcurl reports the last request's upload size, not a sum over a redirect chain
        var request = hop.From is { } carried ? RedirectPolicy.Next(carried, hop, s) : FirstRequest(hop);
        info.EffectiveMethod = request.Method;
        var follower = hop.Follower;
        while (true)
        {
            var sent = _auth.Prepare(request);
            var (connection, head, exchange) = await ExchangeAsync(sent).ConfigureAwait(false);
            for (int i = 0; i < exchange.Repeats; i++) follower.CountRepeat();
            // A 401 the caller's HttpAuth can answer is asked again on the same URL; libcurl counts that as a
            // followed redirect, bounded by MaxRedirs like one.
            bool authRetry = _auth.WantsRetry(sent, head);
            bool redirect = !authRetry && follower.Follows && RedirectPolicy.IsRedirect(head);
            bool again = redirect || authRetry;
            bool maxReached = again && follower.LimitReached;
            bool reusable = false;
            try
            {
                var delivery = authRetry ? BodyDelivery.Deliver : CheckResponse(request, head, follower, redirect, maxReached);
                // The response the caller gets (not one being followed or answered with credentials): a watching body
                // target learns it now, before any body byte. At the redirect limit the last 3xx is that response.
                bool hasBody = !request.ExpectNoBody && head.StatusCode is not (204 or 304) && delivery != BodyDelivery.AlreadyComplete;
                if (!authRetry && (!redirect || maxReached))
                    body.FinalResponseHead(!hasBody || (!head.Chunked && head.ContentLength >= 0 && connection.Buffer.Count >= head.ContentLength));
                bool framed = !hasBody || head.Chunked || head.ContentLength >= 0;
                // A redirect on a connection that closes anyway is left unread, as libcurl does: no need to wait for
                // the end of a body nobody wants. On a reusable connection it is drained so the connection stays usable.
                bool skipBody = again && !maxReached && (!framed || !head.AllowsReuse || !exchange.RequestComplete);
                if (hasBody && !skipBody)
                {
                    bool deliver = !again && delivery == BodyDelivery.Deliver;
                    progress.DownloadTotal = Math.Max(head.ContentLength, 0);
                    var reader = _bodyReader is null
                        ? _bodyReader = new HttpBodyReader(connection, io, deliver ? body : null, deliver ? headers : null, progress, lowSpeed, deliver ? s.MaxFileSize : 0, info)
                        : _bodyReader.Begin(connection, deliver ? body : null, deliver ? headers : null, deliver ? s.MaxFileSize : 0);
                    await reader.ReadAsync(head).ConfigureAwait(false);
                }
                // Bytes beyond the body mean the server and we disagree on framing: never reuse such a connection.
                reusable = !skipBody && delivery != BodyDelivery.AlreadyComplete && exchange.RequestComplete && head.AllowsReuse && framed
                    && connection.Buffer.Count == 0;
            }
            finally
            {
                await connections.ReleaseAsync(connection, reusable, io).ConfigureAwait(false);
            }
            progress.Report();
            if (authRetry)
            {
                if (maxReached) throw new CurlException(CurlCode.TooManyRedirects, "Maximum redirects followed: MaxRedirs leaves no room to repeat the request with credentials");
                follower.CountRepeat();
                info.SizeUpload = 0;
                info.StartDownload();
                request = HttpAuthSession.Again(request);
                continue;
            }
            if (!redirect) return HopResult.Done;
            // At the limit the engine fails with TooManyRedirects: nothing is carried anywhere.
            return new HopResult(head.Location, maxReached ? null : RedirectPolicy.Carry(request, head, s));
        }
    }

    // A request without a body, or with fixed bytes (PostFields), is the same on every perform of the same URL: made
    // once, its fixed bytes started over. One read from a callback or stream is made each time: its source is the
    // caller's, in whatever state the last perform left it.
    private HttpRequest FirstRequest(in Hop hop)
    {
        if (_firstRequest is { } last && ReferenceEquals(last.Url, hop.Url) && last.SendCredentials == hop.SendCredentials
            && last.CustomHostAllowed == hop.SameHostAsFirst)
        {
            last.Body?.RestartFixed();
            return last;
        }
        var made = NewFirstRequest(hop);
        _firstRequest = made.Body is null || made.Body.IsFixed ? made : null;
        return made;
    }

    private HttpRequest NewFirstRequest(in Hop hop)
    {
        UploadSource? upload = s.NoBody ? null : s.Method switch
        {
            RequestKind.Put => UploadSource.FromReader(s.ReadFunction, s.ReadData, s.InFileSize),
            RequestKind.Post => s.PostFields is not null
                ? UploadSource.FromBytes(s.PostFields, s.PostFieldSize)
                : UploadSource.FromReader(s.ReadFunction, s.ReadData, s.PostFieldSize),
            _ => null,
        };
        return new HttpRequest(s.MethodName, hop.Url, upload, hop.SendCredentials, IsPost: upload is not null && s.Post, ExpectNoBody: s.NoBody)
            { Referer = s.Referer, CustomHostAllowed = hop.SameHostAsFirst };
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask<(Connection, HttpResponseHead, HttpExchange)> ExchangeAsync(HttpRequest request)
    {
        io.ProxyHeaderLine = _proxyHeaderLine ??= OnProxyHeaderLineAsync;
        bool fresh = false;
        for (int attempt = 0; ; attempt++)
        {
            progress.Report();   // libcurl reports progress before connecting, so an abort there opens no socket
            var connection = await connections.AcquireAsync(request.Url, io, fresh).ConfigureAwait(false);
            RecordEndpoints(connection);
            long filledBefore = connection.Buffer.TotalFilled;
            var exchange = _exchange?.Begin(connection) ?? (_exchange = new HttpExchange(connection, io, s, headers, s.Header ? body : null, progress, lowSpeed, info));
            lowSpeed.Restart(io.BytesReceived + io.BytesSent);   // name lookup and connect time do not count as slow transfer
            try
            {
                var head = await exchange.RunAsync(request, resend: attempt > 0).ConfigureAwait(false);
                return (connection, head, exchange);
            }
            catch (CurlException ex) when (attempt == 0 && connection.IsReused && connection.Buffer.TotalFilled == filledBefore
                && ex.Code is CurlCode.GotNothing or CurlCode.RecvError or CurlCode.SendError && (request.Body?.TryRewind() ?? true))
            {
                // The server closed the idle connection just before we used it: try once more on a new one, as curl does.
                connection.Close();
                info.SizeUpload = 0;   // what went to the dead connection was not uploaded
                fresh = true;
            }
            catch
            {
                connection.Close();
                throw;
            }
        }
    }

    /// <summary>What happens to a response body.</summary>
    private enum BodyDelivery
    {
        /// <summary>To the write callback.</summary>
        Deliver,
        /// <summary>Read and counted, never delivered: a 416 answering a resume means the file is already complete.</summary>
        Discard,
        /// <summary>Not read at all: the server sent the whole file and the resume offset is its size, so nothing is missing.</summary>
        AlreadyComplete,
    }

    private BodyDelivery CheckResponse(HttpRequest request, HttpResponseHead head, IRedirectFollower follower, bool redirect, bool maxReached)
    {
        if (RedirectPolicy.IsRedirect(head) && (!redirect || maxReached))
            follower.NotFollowed(request.Url, head.Location!);
        if (redirect) return BodyDelivery.Deliver;

        // A "*" Content-Range means the server sends everything: libcurl then forgets the resume offset.
        long resumeFrom = head.ContentRangeStart == ContentRange.Unsatisfied ? 0 : s.ResumeFrom;
        bool resumedGet = resumeFrom > 0 && request.Body is null && !request.ExpectNoBody;
        if (resumedGet && head.StatusCode == 416) return BodyDelivery.Discard;   // not a failure, even with FailOnError
        // A head cut short by the close is not judged by libcurl: FailOnError only looks at completed heads.
        if (s.FailOnError && head.StatusCode >= 400 && !head.EndedByClose)
            throw new CurlException(CurlCode.HttpReturnedError, $"The requested URL returned error: {head.StatusCode}");
        if (!resumedGet || head.ContentRangeStart == resumeFrom) return BodyDelivery.Deliver;
        if (head.ContentLength == resumeFrom) return BodyDelivery.AlreadyComplete;
        throw new CurlException(CurlCode.RangeError, "HTTP server doesn't seem to support byte ranges. Cannot resume.");
    }

    private void RecordEndpoints(Connection connection)
    {
        info.PrimaryIp = connection.RemoteIp;
        // A Unix socket has no port; libcurl 7.88 reports the URL's port then.
        info.PrimaryPort = connection.Remote is IPEndPoint remote ? remote.Port : connection.Route.Port;
        if (connection.Local is IPEndPoint local)
        {
            info.LocalIp = connection.LocalIp;
            info.LocalPort = local.Port;
        }
    }
}
