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
    private const long HttpVersion10 = 1;   // CURL_HTTP_VERSION_1_0; every other choice speaks HTTP/1.1 here

    /// <summary>Builds the head into a pooled array; returns the array (to return to the pool) and the length used.</summary>
    public static (byte[] Buffer, int Length, bool ExpectContinue) Write(HttpRequest request, EasyOptions o, CustomHeaders custom, bool resend)
    {
        var head = new HeadBuilder();
        head.Append(request.Method).Append(" "u8).Append(request.Url.PathAndQuery)
            .Append(o.HttpVersion == HttpVersion10 ? " HTTP/1.0\r\n"u8 : " HTTP/1.1\r\n"u8);

        head.Line("Host", (request.CustomHostAllowed ? custom.ValueOf("Host") : null) ?? request.Url.HostAndPortForHeader);
        var credentials = request.Credentials(o.UserPwd);
        if (credentials is not null && !custom.Overrides("Authorization"))
            head.Line("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        var range = o.Range ?? (o.ResumeFrom > 0 ? $"{o.ResumeFrom}-" : null);
        if (range is not null && !custom.Overrides("Range")) head.Line("Range", "bytes=" + range);
        if (o.UserAgent is not null && !custom.Overrides("User-Agent")) head.Line("User-Agent", o.UserAgent);
        if (!custom.Overrides("Accept")) head.Append("Accept: */*\r\n"u8);
        if (request.Referer is not null && !custom.Overrides("Referer")) head.Line("Referer", request.Referer);
        if (o.Cookie is not null && !custom.Overrides("Cookie")) head.Line("Cookie", o.Cookie);

        if (!custom.IsEmpty)
            foreach (var (name, value) in custom.ToSend(skip: "Host"))
                if (request.SendCredentials || !IsCredentialHeader(name)) head.Line(name, value);   // never leak them to another host

        bool expect = false;
        if (request.Body is { } body)
        {
            bool chunked = body.Size < 0;
            if (chunked)
            {
                if (!custom.Overrides("Transfer-Encoding")) head.Append("Transfer-Encoding: chunked\r\n"u8);
            }
            else if (!custom.Overrides("Content-Length"))
            {
                head.Append("Content-Length: "u8).Append(body.Size).Append("\r\n"u8);
            }
            if (request.IsPost && !custom.Overrides("Content-Type"))
                head.Append("Content-Type: application/x-www-form-urlencoded\r\n"u8);
            bool wanted = request.IsPost ? chunked || body.Size > PostExpectThreshold : body.Size != 0;
            expect = !resend && wanted && !custom.Overrides("Expect");
            if (expect) head.Append("Expect: 100-continue\r\n"u8);
        }
        head.Append("\r\n"u8);
        var (buffer, length) = head.Detach();
        return (buffer, length, expect);
    }

    private static bool IsCredentialHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);
}
