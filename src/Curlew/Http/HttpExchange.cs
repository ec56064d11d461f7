using System.Buffers;
using System.Buffers.Text;
using Curlew.Connect;
using Curlew.Transfer;

namespace Curlew.Http;

/// <summary>
/// One request and its response head on one connection: sends the head and body (honouring Expect: 100-continue),
/// skips informational responses, and reports whether the connection can still be reused afterwards.
/// </summary>
internal sealed class HttpExchange(Connection connection, IoContext io, EasyOptions options, CustomHeaders custom,
    OutputSink? headerSink, OutputSink? headersIntoBody, ProgressMeter progress, LowSpeedGuard lowSpeed, TransferInfo info)
{
    private static readonly byte[] LastChunk = "0\r\n\r\n"u8.ToArray();
    private const int SmallBodyInline = 16 * 1024;   // fixed bodies up to this size go out with the head in one send

    /// <summary>False when the body was not (fully) sent, so the connection is out of step and must close.</summary>
    public bool RequestComplete { get; private set; } = true;

    public async ValueTask<HttpResponseHead> RunAsync(HttpRequest request, bool resend)
    {
        info.StartDownload();
        var (headBuffer, headLength, expectContinue) = HttpRequestWriter.Write(request, options, custom, resend);
        try
        {
            info.RequestSize += headLength;
            io.Log.Sent(headBuffer.AsSpan(0, headLength));
            var body = request.Body;
            if (body is not null && !expectContinue && body.Size is >= 0 and <= SmallBodyInline && headLength + body.Size <= headBuffer.Length)
            {
                int n = FillFixed(body, headBuffer.AsSpan(headLength, (int)body.Size));
                await connection.Top.SendAsync(headBuffer.AsMemory(0, headLength + n), io).ConfigureAwait(false);
                AfterBodySent(n);
                body = null;
            }
            else
            {
                await connection.Top.SendAsync(headBuffer.AsMemory(0, headLength), io).ConfigureAwait(false);
            }
            if (body is null) return await ReadFinalHeadAsync().ConfigureAwait(false);

            if (expectContinue)
            {
                var early = await WaitForContinueAsync().ConfigureAwait(false);
                if (early is not null) return early;
            }
            await SendBodyAsync(body).ConfigureAwait(false);
            return await ReadFinalHeadAsync().ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(headBuffer);
        }
    }

    // Returns a final response that came instead of 100 Continue (the body is then not sent), or null to send the body.
    private async ValueTask<HttpResponseHead?> WaitForContinueAsync()
    {
        int wait = (int)Math.Clamp(options.Expect100TimeoutMs, 0, int.MaxValue);
        if (!await connection.Top.WaitReadableAsync(wait, io).ConfigureAwait(false)) return null;   // no answer in time: send anyway
        while (true)
        {
            var head = await HttpHeadReader.ReadAsync(connection, io, headerSink, headersIntoBody, info).ConfigureAwait(false);
            if (head.StatusCode == 100) return null;
            if (head.IsInformational) continue;
            RequestComplete = false;   // a final answer before the body: the body is never sent
            return head;
        }
    }

    private async ValueTask<HttpResponseHead> ReadFinalHeadAsync()
    {
        while (true)
        {
            var head = await HttpHeadReader.ReadAsync(connection, io, headerSink, headersIntoBody, info).ConfigureAwait(false);
            if (!head.IsInformational) return head;
        }
    }

    private async ValueTask SendBodyAsync(UploadSource body)
    {
        bool chunked = body.Size < 0;
        const int prefix = 10;   // room for "ffffffff\r\n" in front of a chunk
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            progress.UploadTotal = Math.Max(body.Size, 0);
            while (true)
            {
                int space = buffer.Length - prefix - 2;
                if (!chunked) space = (int)Math.Min(space, body.Size - body.Sent);
                int n = space > 0 ? body.Read(buffer.AsSpan(prefix, space)) : 0;
                if (n == 0)
                {
                    if (!chunked && body.Sent < body.Size)
                    {
                        RequestComplete = false;
                        throw new CurlException(CurlCode.ReadError, $"The read callback ended the upload after {body.Sent} of {body.Size} bytes");
                    }
                    if (chunked) await connection.Top.SendAsync(LastChunk, io).ConfigureAwait(false);
                    return;
                }
                if (chunked)
                {
                    int start = WriteChunkFraming(buffer, prefix, n);
                    await connection.Top.SendAsync(buffer.AsMemory(start, prefix - start + n + 2), io).ConfigureAwait(false);
                }
                else
                {
                    await connection.Top.SendAsync(buffer.AsMemory(prefix, n), io).ConfigureAwait(false);
                }
                AfterBodySent(n);
            }
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

    private static int FillFixed(UploadSource body, Span<byte> target)
    {
        int total = 0;
        while (total < target.Length)
        {
            int n = body.Read(target[total..]);
            if (n == 0) break;
            total += n;
        }
        if (total < target.Length)
            throw new CurlException(CurlCode.ReadError, $"The read callback ended the upload after {total} of {target.Length} bytes");
        return total;
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
