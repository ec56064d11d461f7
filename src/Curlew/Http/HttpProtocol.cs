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
        while (true)
        {
            info.EffectiveUrl = request.Url.ToString();
            info.EffectiveMethod = request.Method;
            var (connection, head, exchange) = await ExchangeAsync(request).ConfigureAwait(false);
            bool follow = o.FollowLocation && RedirectPolicy.IsRedirect(head.StatusCode) && head.Location is not null;
            bool reusable = false;
            try
            {
                CheckResponse(request, head, follow);
                bool hasBody = !request.ExpectNoBody && head.StatusCode is not (204 or 304);
                bool framed = !hasBody || head.Chunked || head.ContentLength >= 0;
                // A redirect on a connection that closes anyway is left unread, as libcurl does: no need to wait for
                // the end of a body nobody wants. On a reusable connection it is drained so the connection stays usable.
                bool skipBody = follow && (!framed || !head.AllowsReuse || !exchange.RequestComplete);
                if (hasBody && !skipBody)
                {
                    progress.DownloadTotal = Math.Max(head.ContentLength, 0);
                    var reader = new HttpBodyReader(connection, io, follow ? null : body, follow ? null : headers, progress, lowSpeed, follow ? 0 : o.MaxFileSize, info);
                    await reader.ReadAsync(head).ConfigureAwait(false);
                }
                // Bytes beyond the body mean the server and we disagree on framing: never reuse such a connection.
                reusable = !skipBody && exchange.RequestComplete && head.AllowsReuse && framed && connection.Buffer.Count == 0;
            }
            finally
            {
                connections.Release(connection, reusable, io.Log);
            }
            progress.Report();
            if (!follow) return;
            if (o.MaxRedirs >= 0 && redirects >= o.MaxRedirs)
                throw new CurlException(CurlCode.TooManyRedirects, $"Maximum ({o.MaxRedirs}) redirects followed");
            redirects++;
            info.RedirectCount = redirects;
            request = RedirectPolicy.Next(request, head, o, url);
        }
    }

    private HttpRequest FirstRequest(CurlUrl url)
    {
        UploadSource? upload = null;
        bool isPost = false;
        string method;
        if (o.NoBody) method = "HEAD";
        else if (o.Upload)
        {
            method = "PUT";
            upload = UploadSource.FromReader(o.ReadFunction, o.ReadData, o.InFileSize);
        }
        else if (o.Post || o.PostFields is not null)
        {
            method = "POST";
            isPost = true;
            upload = o.PostFields is not null
                ? UploadSource.FromBytes(o.PostFields, o.PostFieldSize)
                : UploadSource.FromReader(o.ReadFunction, o.ReadData, o.PostFieldSize);
        }
        else method = "GET";
        return new HttpRequest(o.CustomRequest ?? method, url, upload, SendCredentials: true, isPost, ExpectNoBody: o.NoBody) { Referer = o.Referer };
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
                fresh = true;
            }
            catch
            {
                connection.Close();
                throw;
            }
        }
    }

    private void CheckResponse(HttpRequest request, HttpResponseHead head, bool follow)
    {
        if (head.Location is not null && RedirectPolicy.IsRedirect(head.StatusCode))
        {
            try { info.RedirectUrl = request.Url.Resolve(head.Location).ToString(); }
            catch (CurlException) when (!follow) { }
        }
        if (follow) return;
        // A head cut short by the close is not judged by libcurl: FailOnError only looks at completed heads.
        if (o.FailOnError && head.StatusCode >= 400 && !head.EndedByClose)
            throw new CurlException(CurlCode.HttpReturnedError, $"The requested URL returned error: {head.StatusCode}");
        if (o.ResumeFrom > 0 && head.StatusCode == 200 && !request.ExpectNoBody)
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
