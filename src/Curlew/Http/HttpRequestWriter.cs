using Curlew.Protocols;
using System.Text;
using Curlew.Connect;
using Curlew.Url;

namespace Curlew.Http;

/// <summary>What <see cref="HttpRequestWriter"/> built: the pooled buffer (head, then any body sent with it) and how to send the rest.</summary>
internal readonly record struct RequestHead(byte[] Buffer, int HeadLength, int Length, bool ExpectContinue, bool Chunked, bool BodyIncluded)
{
    /// <summary>Body bytes (chunk framing included) already in <see cref="Buffer"/> after the head.</summary>
    public int InlineBodyBytes => Length - HeadLength;
}

/// <summary>
/// Writes the request head in curl's order: request line, Host, Authorization, Range or Content-Range, User-Agent,
/// Accept, Referer, Cookie, the user's headers, then the body headers (Content-Length or chunked, Content-Type, Expect).
/// A small PostFields body follows in the same buffer, as libcurl sends it (and counts it in RequestSize).
/// </summary>
internal static class HttpRequestWriter
{
    // libcurl 7.88 asks for 100-continue on every PUT with a body, and on POSTs above 1 MiB or of unknown size.
    private const long PostExpectThreshold = 1024 * 1024;
    // PostFields below this size go out together with the head (when no 100-continue is awaited).
    private const long InlineBodyLimit = 64 * 1024;
    private const long HttpVersion10 = 1;   // CURL_HTTP_VERSION_1_0; every other choice speaks HTTP/1.1 here

    /// <summary>Builds the head (and an inline body) into a pooled array; the caller returns it to the pool.</summary>
    public static RequestHead Write(HttpRequest request, HttpSettings o, bool resend, RouteProxy proxy = default) =>
        Write(new HeadBuilder(), request, o, resend, proxy);

    /// <summary>
    /// Like <see cref="Write(HttpRequest, HttpSettings, bool, RouteProxy)"/>, in a builder the caller keeps for its next
    /// request. Through an HTTP proxy that is sent the request itself (<paramref name="proxy"/>), the target is the
    /// absolute URL and the head carries Proxy-Authorization and Proxy-Connection, as libcurl 7.88 sends them.
    /// </summary>
    public static RequestHead Write(HeadBuilder builder, HttpRequest request, HttpSettings o, bool resend, RouteProxy proxy = default)
    {
        bool forward = proxy.ForwardsRequests;
        var custom = o.Custom;
        bool http10 = o.HttpVersion == HttpVersion10;
        var body = request.Body;
        bool chunked = body is not null && (custom.Overrides("Transfer-Encoding")
            ? custom.ValueContains("Transfer-Encoding", "chunked")
            : body.Size < 0);
        if (body is not null && body.Size < 0 && http10 && !custom.Overrides("Transfer-Encoding"))
            throw new CurlException(CurlCode.UploadFailed, "Chunky upload is not supported by HTTP 1.0");

        var head = builder.Begin();
        head.Append(request.Method).Append(" "u8);
        if (forward) head.Append(request.Url.Scheme).Append("://").Append(request.Url.HostAndPortForHeader);
        head.Append(PercentEncoding.EncodeNonAsciiLower(request.Url.PathAndQuery))
            .Append(http10 ? " HTTP/1.0\r\n"u8 : " HTTP/1.1\r\n"u8);

        WriteHost(head, request, custom);
        if (forward && proxy.BasicAuthorization is { } proxyAuthorization && !custom.Overrides("Proxy-Authorization"))
            head.Line("Proxy-Authorization", proxyAuthorization);
        // The value comes from Auth/ (HttpAuthSession.Prepare): the scheme the caller allowed, or none at all.
        if (request.Authorization is not null && !custom.Overrides("Authorization")) head.Line("Authorization", request.Authorization);
        WriteRange(head, body, o, custom);
        if (o.UserAgent is not null && !custom.Overrides("User-Agent")) head.Line("User-Agent", o.UserAgent);
        if (!custom.Overrides("Accept")) head.Append("Accept: */*\r\n"u8);
        if (request.Referer is not null && !custom.Overrides("Referer")) head.Line("Referer", request.Referer);
        if (forward && !custom.Overrides("Proxy-Connection")) head.Append("Proxy-Connection: Keep-Alive\r\n"u8);
        if (o.Cookie is not null && !custom.Overrides("Cookie")) head.Line("Cookie", o.Cookie);

        if (!custom.IsEmpty)
            foreach (var line in custom.ToSend(skip: "Host"))
                if (request.SendCredentials || !IsCredentialHeader(line)) head.Append(line).Append("\r\n"u8);   // never leak them to another host

        bool expect = false;
        if (body is not null)
        {
            if (chunked && !custom.Overrides("Transfer-Encoding")) head.Append("Transfer-Encoding: chunked\r\n"u8);
            if (!chunked && body.Size >= 0 && !custom.Overrides("Content-Length"))
                head.Append("Content-Length: "u8).Append(body.Size).Append("\r\n"u8);
            if (!o.BodyCustom.IsEmpty)
                foreach (var line in o.BodyCustom.ToSend()) head.Append(line).Append("\r\n"u8);
            if (request.IsPost && !custom.Overrides("Content-Type") && !o.BodyCustom.Overrides("Content-Type"))
                head.Append("Content-Type: application/x-www-form-urlencoded\r\n"u8);
            bool wanted = !http10 && (request.IsPost ? body.Size < 0 || body.Size > PostExpectThreshold : body.Size != 0);
            bool ours = !resend && wanted && !custom.Overrides("Expect");
            if (ours) head.Append("Expect: 100-continue\r\n"u8);
            // A user's own "Expect: 100-continue" is honoured too: the body then waits for the 100 as well.
            expect = ours || custom.ValueContains("Expect", "100-continue");
        }
        head.Append("\r\n"u8);
        int headLength = head.Length;
        bool included = body is { IsFixed: true, Size: >= 0 and < InlineBodyLimit } && !expect;
        if (included) AppendBody(head, body!, chunked);
        var (buffer, length) = head.Detach();
        return new RequestHead(buffer, headLength, length, expect, chunked, included);
    }

    // A user "Host:" line replaces ours (its text after the colon kept as written, "Host;" giving "Host:");
    // "Host:" alone sends no Host header at all.
    // After a redirect to another host the user's Host line is ignored altogether: the real host is named.
    private static void WriteHost(HeadBuilder head, HttpRequest request, CustomHeaders custom)
    {
        if (!request.CustomHostAllowed)
        {
            head.Line("Host", request.Url.HostAndPortForHeader);
            return;
        }
        if (custom.Removes("Host")) return;
        if (custom.RawValueOf("Host") is { } raw) head.Append("Host:"u8).Append(raw).Append("\r\n"u8);
        else head.Line("Host", request.Url.HostAndPortForHeader);
    }

    // Downloads ask for a Range (ResumeFrom wins over Range); uploads (PUT, POST) say which part they carry instead.
    private static void WriteRange(HeadBuilder head, UploadSource? body, HttpSettings o, CustomHeaders custom)
    {
        if (o.ResumeFrom == 0 && o.Range is null) return;
        if (body is null)
        {
            if (custom.Overrides("Range")) return;
            head.Append("Range: bytes="u8);   // written in parts: no string per request
            if (o.ResumeFrom != 0) head.Append(o.ResumeFrom).Append("-"u8);
            else head.Append(o.Range!);
            head.Append("\r\n"u8);
            return;
        }
        if (custom.Overrides("Content-Range")) return;
        long size = body.Size;
        string value = o.ResumeFrom switch
        {
            < 0 => $"bytes 0-{size - 1}/{size}",   // resume where the server is, size unknown: say the whole file comes again
            > 0 => $"bytes {o.ResumeFrom}-{o.ResumeFrom + size - 1}/{o.ResumeFrom + size}",
            _ => $"bytes {o.Range}/{size}",
        };
        head.Line("Content-Range", value);
    }

    private static void AppendBody(HeadBuilder head, UploadSource body, bool chunked)
    {
        int size = (int)body.Size;
        if (chunked && size > 0) head.AppendHex(size).Append("\r\n"u8);
        int total = 0;
        var target = head.Reserve(size);
        while (total < size)
        {
            int n = body.Read(target[total..]);
            if (n == 0) break;
            total += n;
        }
        head.Advance(total);
        if (chunked) head.Append(size > 0 ? "\r\n0\r\n\r\n"u8 : "0\r\n\r\n"u8);
    }

    private static bool IsCredentialHeader(string line) =>
        line.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("Cookie:", StringComparison.OrdinalIgnoreCase);
}
