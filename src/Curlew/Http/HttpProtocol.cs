using Curlew.Protocols;
using System.Net;
using Curlew.Connect;
using Curlew.Transfer;
using Curlew.Url;

namespace Curlew.Http;

/// <summary>
/// HTTP/1.1 for one perform: builds the first request from the options, runs it on a connection (retrying once on a
/// fresh connection when a reused one turns out dead before answering), applies FailOnError and resume checks,
/// delivers or drains the body, gives the connection back, and follows redirects.
/// </summary>
internal sealed class HttpProtocol(EasyOptions o, ConnectionProvider connections, IoContext io, TransferInfo info,
    ProgressMeter progress, LowSpeedGuard lowSpeed, OutputSink body, OutputSink? headers)
{
    private readonly CustomHeaders _custom = o.HttpHeader is null ? CustomHeaders.Empty : new CustomHeaders(o.HttpHeader);

    public async ValueTask RunAsync(CurlUrl url)
    {
        var request = FirstRequest(url);
        long redirects = 0;
        BeginRequest(request.Url);
        while (true)
        {
            info.EffectiveMethod = request.Method;
            var (connection, head, exchange) = await ExchangeAsync(request).ConfigureAwait(false);
            if (exchange.Repeats > 0)
            {
                redirects += exchange.Repeats;
                info.RedirectCount = redirects;
            }
            bool redirect = o.FollowLocation && RedirectPolicy.IsRedirect(head);
            bool maxReached = redirect && o.MaxRedirs >= 0 && redirects >= o.MaxRedirs;
            bool reusable = false;
            try
            {
                var delivery = CheckResponse(request, head, redirect, maxReached);
                bool hasBody = !request.ExpectNoBody && head.StatusCode is not (204 or 304) && delivery != BodyDelivery.AlreadyComplete;
                bool framed = !hasBody || head.Chunked || head.ContentLength >= 0;
                // A redirect on a connection that closes anyway is left unread, as libcurl does: no need to wait for
                // the end of a body nobody wants. On a reusable connection it is drained so the connection stays usable.
                bool skipBody = redirect && !maxReached && (!framed || !head.AllowsReuse || !exchange.RequestComplete);
                if (hasBody && !skipBody)
                {
                    bool deliver = !redirect && delivery == BodyDelivery.Deliver;
                    progress.DownloadTotal = Math.Max(head.ContentLength, 0);
                    var reader = new HttpBodyReader(connection, io, deliver ? body : null, deliver ? headers : null, progress, lowSpeed, deliver ? o.MaxFileSize : 0, info);
                    await reader.ReadAsync(head).ConfigureAwait(false);
                }
                // Bytes beyond the body mean the server and we disagree on framing: never reuse such a connection.
                reusable = !skipBody && delivery != BodyDelivery.AlreadyComplete && exchange.RequestComplete && head.AllowsReuse && framed
                    && connection.Buffer.Count == 0;
            }
            finally
            {
                connections.Release(connection, reusable, io.Events);
            }
            progress.Report();
            if (!redirect) return;
            if (maxReached) throw new CurlException(CurlCode.TooManyRedirects, $"Maximum ({o.MaxRedirs}) redirects followed");
            redirects++;
            info.RedirectCount = redirects;   // counted before the target is checked, as libcurl counts it
            var target = RedirectPolicy.Target(request, head);
            BeginRequest(target);   // before the rewind or scheme checks, which fail as part of the new request
            request = RedirectPolicy.Next(request, head, target, o, url);
        }
    }

    // libcurl reports the last request's URL and sizes, not sums over a redirect chain.
    private void BeginRequest(CurlUrl url)
    {
        info.EffectiveUrl = url.ToString();
        info.SizeUpload = 0;
        info.StartDownload();
    }

    private HttpRequest FirstRequest(CurlUrl url)
    {
        UploadSource? upload = o.NoBody ? null : o.Method switch
        {
            RequestKind.Put => UploadSource.FromReader(o.ReadFunction, o.ReadData, o.InFileSize),
            RequestKind.Post => o.PostFields is not null
                ? UploadSource.FromBytes(o.PostFields, o.PostFieldSize)
                : UploadSource.FromReader(o.ReadFunction, o.ReadData, o.PostFieldSize),
            _ => null,
        };
        return new HttpRequest(RequestMethod.Name(o), url, upload, SendCredentials: true, IsPost: upload is not null && o.Post, ExpectNoBody: o.NoBody)
            { Referer = o.Referer };
    }

    private async ValueTask<(Connection, HttpResponseHead, HttpExchange)> ExchangeAsync(HttpRequest request)
    {
        bool fresh = false;
        for (int attempt = 0; ; attempt++)
        {
            progress.Report();   // libcurl reports progress before connecting, so an abort there opens no socket
            var connection = await connections.AcquireAsync(request.Url, io, fresh).ConfigureAwait(false);
            RecordEndpoints(connection);
            long filledBefore = connection.Buffer.TotalFilled;
            var exchange = new HttpExchange(connection, io, o, _custom, headers, o.Header ? body : null, progress, lowSpeed, info);
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

    private BodyDelivery CheckResponse(HttpRequest request, HttpResponseHead head, bool redirect, bool maxReached)
    {
        if (RedirectPolicy.IsRedirect(head) && (!redirect || maxReached))
            info.RedirectUrl = RedirectPolicy.WouldGoTo(request, head);
        if (redirect) return BodyDelivery.Deliver;

        // A "*" Content-Range means the server sends everything: libcurl then forgets the resume offset.
        long resumeFrom = head.ContentRangeStart == ContentRange.Unsatisfied ? 0 : o.ResumeFrom;
        bool resumedGet = resumeFrom > 0 && request.Body is null && !request.ExpectNoBody;
        if (resumedGet && head.StatusCode == 416) return BodyDelivery.Discard;   // not a failure, even with FailOnError
        // A head cut short by the close is not judged by libcurl: FailOnError only looks at completed heads.
        if (o.FailOnError && head.StatusCode >= 400 && !head.EndedByClose)
            throw new CurlException(CurlCode.HttpReturnedError, $"The requested URL returned error: {head.StatusCode}");
        if (!resumedGet || head.ContentRangeStart == resumeFrom) return BodyDelivery.Deliver;
        if (head.ContentLength == resumeFrom) return BodyDelivery.AlreadyComplete;
        throw new CurlException(CurlCode.RangeError, "HTTP server doesn't seem to support byte ranges. Cannot resume.");
    }

    private void RecordEndpoints(Connection connection)
    {
        info.PrimaryIp = connection.RemoteIp;
        // A Unix socket has no port; libcurl 7.88 reports the URL's port then.
        info.PrimaryPort = connection.Remote is IPEndPoint remote ? remote.Port : connection.Key.Port;
        if (connection.Local is IPEndPoint local)
        {
            info.LocalIp = connection.LocalIp;
            info.LocalPort = local.Port;
        }
    }
}
