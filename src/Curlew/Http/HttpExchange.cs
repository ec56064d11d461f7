using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using System.Buffers;
using System.Buffers.Text;
using Curlew.Connect;

namespace Curlew.Http;

/// <summary>
/// One request and its response head on one connection: sends the head and body (honouring Expect: 100-continue),
/// skips informational responses, and reports whether the connection can still be reused afterwards.
/// </summary>
internal sealed class HttpExchange(Connection connection, IoContext io, HttpSettings settings,
    OutputSink? headerSink, OutputSink? headersIntoBody, ProgressMeter progress, LowSpeedGuard lowSpeed, TransferInfo info)
{
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();
    private const int UploadBufferSize = 64 * 1024;   // libcurl offers the read callback this much room each time

    /// <summary>False when the body was not (fully) sent, so the connection is out of step and must close.</summary>
    public bool RequestComplete { get; private set; } = true;

    private bool _retriedAfter417;
    private HttpResponseHead? _earlyAnswer;   // a final answer that came while the body was still being sent
    private Func<ValueTask<EarlyAnswer>>? _onAnswer;
    private int _partsSent;

    /// <summary>Requests repeated on this connection after a 417 (libcurl counts each as a followed redirect).</summary>
    public int Repeats { get; private set; }

    private readonly HeadBuilder _head = new();

    // Every response head of this exchange is read into this one object: only one is ever in use at a time (a
    // 1xx is done with before the next head, an early answer ends the reading, the handler is done with the head
    // before its next request).
    private readonly HttpResponseHead _response = new();

    /// <summary>
    /// Readies this exchange for the next request on <paramref name="next"/>: a handler keeps one exchange for all its
    /// requests (one at a time), so a keep-alive request allocates none.
    /// </summary>
    public HttpExchange Begin(Connection next)
    {
        connection = next;
        RequestComplete = true;
        _retriedAfter417 = false;
        _earlyAnswer = null;
        _partsSent = 0;
        Repeats = 0;
        return this;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    public async ValueTask<HttpResponseHead> RunAsync(HttpRequest request, bool resend)
    {
        info.StartDownload();
        // An upload resume passes over the part the server has before anything is sent, as libcurl does.
        // While an auth probe holds the body back, the skip applies to that body, as libcurl skips before the probe.
        if (settings.ResumeFrom > 0) (request.HeldBack ?? request.Body)?.SkipPrefix(settings.ResumeFrom);
        var requestHead = HttpRequestWriter.Write(_head, request, settings, resend, connection.Route.Proxy);
        try
        {
            info.RequestSize += requestHead.Length;
            info.PreTransferTimeUs = Math.Max(1, io.ElapsedMicroseconds);
            io.Events.Sent(requestHead.Buffer.AsSpan(0, requestHead.HeadLength));
            io.Events.DataOut(requestHead.Buffer.AsSpan(requestHead.HeadLength, requestHead.Length - requestHead.HeadLength));   // a small body sent with the head
            await connection.Top.SendAsync(requestHead.Buffer.AsMemory(0, requestHead.Length), io).ConfigureAwait(false);
            var body = request.Body;
            if (body is null) return await ReadFinalHeadAsync().ConfigureAwait(false);
            if (requestHead.BodyIncluded)
            {
                AfterBodySent(requestHead.InlineBodyBytes);
                return await ReadFinalHeadAsync().ConfigureAwait(false);
            }

            if (requestHead.ExpectContinue)
            {
                var early = await WaitForContinueAsync().ConfigureAwait(false);
                if (early is not null)
                {
                    if (early.StatusCode == 417 && await DrainForRetryAsync(early).ConfigureAwait(false))
                    {
                        // libcurl repeats a request refused with 417 without the Expect header, on the same
                        // connection, and counts the repeat as a followed redirect to the same URL.
                        Repeats++;
                        return await RunAsync(request, resend: true).ConfigureAwait(false);
                    }
                    return early;
                }
            }
            await SendBodyAsync(body, requestHead.Chunked).ConfigureAwait(false);
            return _earlyAnswer ?? await ReadFinalHeadAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(requestHead.Buffer);
        }
    }

    // Returns a final response that came instead of 100 Continue (the body is then not sent), or null to send the body.
    private async ValueTask<HttpResponseHead?> WaitForContinueAsync()
    {
        int wait = (int)Math.Clamp(settings.Expect100TimeoutMs, 0, int.MaxValue);
        if (!await connection.Top.WaitReadableAsync(wait, io).ConfigureAwait(false)) return null;   // no answer in time: send anyway
        while (true)
        {
            var head = await HttpHeadReader.ReadAsync(connection, io, headerSink, headersIntoBody, info, _response).ConfigureAwait(false);
            if (head.StatusCode == 100) return null;
            if (head.IsInformational) continue;
            // A final answer before the body: the body is never sent, and the server may still be waiting to read it
            // (it would take our next request for that body), so the connection is closed afterwards. libcurl 7.88 keeps
            // it after a 2xx; later curl closes it too.
            RequestComplete = false;
            return head;
        }
    }

    // Reads away the body of a 417 so the same connection can carry the repeat; false when that is impossible.
    private async ValueTask<bool> DrainForRetryAsync(HttpResponseHead head)
    {
        bool framed = head.Chunked || head.ContentLength >= 0;
        if (!framed || !head.AllowsReuse || _retriedAfter417) return false;
        _retriedAfter417 = true;
        await new HttpBodyReader(connection, io, null, null, progress, lowSpeed, 0, info).ReadAsync(head).ConfigureAwait(false);
        // Bytes already waiting behind the 417 cannot be the answer to a request not yet repeated: out of step, give up.
        if (connection.Buffer.Count != 0) return false;
        RequestComplete = true;
        return true;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask<HttpResponseHead> ReadFinalHeadAsync()
    {
        while (true)
        {
            var head = await HttpHeadReader.ReadAsync(connection, io, headerSink, headersIntoBody, info, _response).ConfigureAwait(false);
            if (!head.IsInformational) return head;
        }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask SendBodyAsync(UploadSource body, bool chunked)
    {
        const int prefix = 10;   // room for "ffffffff\r\n" in front of a chunk
        var buffer = ArrayPool<byte>.Shared.Rent(UploadBufferSize);
        try
        {
            progress.UploadTotal = Math.Max(body.Size, 0);
            while (chunked || body.Size < 0 || body.Sent < body.Size)
            {
                // The callback always gets the whole buffer (less chunk framing), whatever is left to send, as libcurl.
                var room = chunked ? buffer.AsMemory(prefix, UploadBufferSize - prefix - 2) : buffer.AsMemory(0, UploadBufferSize);
                long before = body.Sent;
                int n = await body.ReadAsync(room, io).ConfigureAwait(false);
                if (n == 0)
                {
                    if (chunked)
                    {
                        if (!await SendBodyPartAsync(LastChunk).ConfigureAwait(false)) return;
                        io.Events.DataOut(LastChunk);
                        AfterBodySent(LastChunk.Length);
                        return;
                    }
                    if (body.Size < 0)
                    {
                        // Neither length nor chunks (the user removed Transfer-Encoding): only the end of the
                        // connection can tell the server where this body ended, so it is never reused.
                        RequestComplete = false;
                        return;
                    }
                    throw new CurlException(CurlCode.ReadError, $"The read callback ended the upload after {body.Sent} of {body.Size} bytes");
                }
                if (!chunked && body.Size >= 0 && before + n > body.Size)
                    throw new CurlException(CurlCode.ReadError,
                        $"The read callback gave {before + n} bytes, more than the {body.Size} announced in Content-Length");
                if (chunked)
                {
                    int start = WriteChunkFraming(buffer, prefix, n);
                    int framed = prefix - start + n + 2;
                    if (!await SendBodyPartAsync(buffer.AsMemory(start, framed)).ConfigureAwait(false)) return;
                    io.Events.DataOut(buffer.AsSpan(start, framed));
                    AfterBodySent(framed);   // libcurl counts chunk framing as uploaded bytes
                }
                else
                {
                    if (!await SendBodyPartAsync(buffer.AsMemory(0, n)).ConfigureAwait(false)) return;
                    io.Events.DataOut(buffer.AsSpan(0, n));
                    AfterBodySent(n);
                }
            }
        }
        catch (CurlException ex) when (ex.Code == CurlCode.SendError && _earlyAnswer is null)
        {
            RequestComplete = false;
            // The server may have answered and closed before taking the whole body: its answer is the result.
            if (!await TryReadAnswerAfterSendFailureAsync().ConfigureAwait(false)) throw;
        }
        catch
        {
            RequestComplete = false;
            throw;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // One piece of the body, sent while watching for an early answer (until a final one came); false: stop sending.
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask<bool> SendBodyPartAsync(ReadOnlyMemory<byte> part)
    {
        if (_earlyAnswer is not null)
        {
            await connection.Top.SendAsync(part, io).ConfigureAwait(false);
            return true;
        }
        // The first piece goes out right behind the head, as libcurl sends it; later ones first look for an answer.
        bool lookFirst = _partsSent++ > 0;
        return await connection.Top.SendWatchingAsync(part, io, lookFirst, _onAnswer ??= OnEarlyAnswerAsync).ConfigureAwait(false);
    }

    // libcurl stops sending when a final status of 300 or more arrives before the body is complete (the server refused
    // it and may have stopped reading); the connection is then out of step and closes. Below 300 the body goes on.
    private async ValueTask<EarlyAnswer> OnEarlyAnswerAsync()
    {
        var head = await HttpHeadReader.ReadAsync(connection, io, headerSink, headersIntoBody, info, _response).ConfigureAwait(false);
        if (head.IsInformational) return EarlyAnswer.KeepWatching;
        _earlyAnswer = head;
        if (head.StatusCode < 300) return EarlyAnswer.StopWatching;
        if (io.Events.Enabled) io.Events.Info($"Stopped the upload: the server answered {head.StatusCode} before the body was sent");
        RequestComplete = false;
        return EarlyAnswer.StopSending;
    }

    private async ValueTask<bool> TryReadAnswerAfterSendFailureAsync()
    {
        try
        {
            if (connection.Buffer.Count == 0 && !await connection.Top.WaitReadableAsync(0, io).ConfigureAwait(false)) return false;
            var head = await ReadFinalHeadAsync().ConfigureAwait(false);
            if (head.EndedByClose && head.StatusCode == 0) return false;
            _earlyAnswer = head;
            return true;
        }
        catch (CurlException) { return false; }
    }

    // Puts "<hex size>\r\n" just before the data at [prefix] and "\r\n" after it; returns where the chunk starts.
    private static int WriteChunkFraming(byte[] buffer, int prefix, int n)
    {
        Span<byte> size = stackalloc byte[8];
        Utf8Formatter.TryFormat(n, size, out int digits, new StandardFormat('x'));
        int start = prefix - digits - 2;
        size[..digits].CopyTo(buffer.AsSpan(start));
        buffer[prefix - 2] = (byte)'\r';
        buffer[prefix - 1] = (byte)'\n';
        buffer[prefix + n] = (byte)'\r';
        buffer[prefix + n + 1] = (byte)'\n';
        return start;
    }

    private void AfterBodySent(int n)
    {
        info.SizeUpload += n;
        io.BytesSent += n;
        lowSpeed.Check(io.BytesReceived + io.BytesSent);
        if (!progress.IsActive) return;
        progress.UploadNow = info.SizeUpload;
        progress.Report();
    }
}
