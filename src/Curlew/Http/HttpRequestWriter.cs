using System.Buffers;
using System.Text;

namespace Curlew.Http;

/// <summary>
/// Writes the request head in curl's order: request line, Host, Authorization, Range, User-Agent, Accept, Referer,
/// Cookie, the user's headers, then the body headers (Content-Length or chunked, Content-Type, Expect).
/// </summary>
internal static class HttpRequestWriter
{
    // libcurl 7.88 asks for 100-continue on every PUT with a body, and on POSTs above 1 MiB or of unknown size.
    private const long PostExpectThreshold = 1024 * 1024;

    /// <summary>Builds the head into a pooled array; returns the array (to return to the pool) and the length used.</summary>
    public static (byte[] Buffer, int Length, bool ExpectContinue) Write(HttpRequest request, EasyOptions o, CustomHeaders custom, bool resend)
    {
        var sb = new StringBuilder(256);
        sb.Append(request.Method).Append(' ').Append(request.Url.PathAndQuery).Append(" HTTP/1.1\r\n");

        sb.Append("Host: ").Append(custom.ValueOf("Host") ?? request.Url.HostAndPortForHeader).Append("\r\n");
        var credentials = request.Credentials(o.UserPwd);
        if (credentials is not null && !custom.Overrides("Authorization"))
            sb.Append("Authorization: Basic ").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials))).Append("\r\n");
        var range = RangeValue(o);
        if (range is not null && !custom.Overrides("Range")) sb.Append("Range: bytes=").Append(range).Append("\r\n");
        if (o.UserAgent is not null && !custom.Overrides("User-Agent")) sb.Append("User-Agent: ").Append(o.UserAgent).Append("\r\n");
        if (!custom.Overrides("Accept")) sb.Append("Accept: */*\r\n");
        if (o.Referer is not null && !custom.Overrides("Referer")) sb.Append("Referer: ").Append(o.Referer).Append("\r\n");
        if (o.Cookie is not null && !custom.Overrides("Cookie")) sb.Append("Cookie: ").Append(o.Cookie).Append("\r\n");

        foreach (var (name, value) in custom.ToSend(skip: "Host"))
            sb.Append(name).Append(": ").Append(value).Append("\r\n");

        bool expect = false;
        if (request.Body is { } body)
        {
            bool chunked = body.Size < 0;
            if (chunked)
            {
                if (!custom.Overrides("Transfer-Encoding")) sb.Append("Transfer-Encoding: chunked\r\n");
            }
            else if (!custom.Overrides("Content-Length"))
            {
                sb.Append("Content-Length: ").Append(body.Size).Append("\r\n");
            }
            if (request.IsPost && !custom.Overrides("Content-Type"))
                sb.Append("Content-Type: application/x-www-form-urlencoded\r\n");
            bool wanted = request.IsPost ? chunked || body.Size > PostExpectThreshold : body.Size != 0;
            expect = !resend && wanted && !custom.Overrides("Expect");
            if (expect) sb.Append("Expect: 100-continue\r\n");
        }
        sb.Append("\r\n");

        int max = Encoding.UTF8.GetMaxByteCount(sb.Length);
        var buffer = ArrayPool<byte>.Shared.Rent(max);
        int length = 0;
        foreach (var chunk in sb.GetChunks()) length += Encoding.UTF8.GetBytes(chunk.Span, buffer.AsSpan(length));
        return (buffer, length, expect);
    }

    private static string? RangeValue(EasyOptions o)
    {
        if (o.Range is not null) return o.Range;
        if (o.ResumeFrom > 0) return $"{o.ResumeFrom}-";
        return null;
    }
}
