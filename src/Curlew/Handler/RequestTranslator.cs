namespace Curlew;

/// <summary>
/// Puts one <see cref="HttpRequestMessage"/> onto a freshly reset <see cref="CurlEasy"/>: URL, method, headers (as
/// HttpHeader lines, content headers as lines sent only with a body, after refusing any CR, LF, NUL or non-ASCII character, as SocketsHttpHandler refuses them) and how
/// the body goes. Curl's own defaults that HttpClient does not send (<c>Accept: */*</c>, a form Content-Type on a POST,
/// an automatic <c>Expect: 100-continue</c>) are switched off unless the request asks for them.
/// </summary>
internal static class RequestTranslator
{
    private const long CurlHttpVersion10 = 1;   // CURL_HTTP_VERSION_1_0

    /// <summary>
    /// Applies <paramref name="request"/>. A request with content reads its body from <paramref name="upload"/>,
    /// <paramref name="length"/> bytes (or chunked when null).
    /// </summary>
    /// <exception cref="HttpRequestException">A header name or value that cannot go on the wire.</exception>
    public static void Apply(CurlEasy easy, HttpRequestMessage request, Version version, Stream? upload, long? length)
    {
        var uri = request.RequestUri!;
        easy.Url = uri.AbsoluteUri;
        if (version == System.Net.HttpVersion.Version10) easy.HttpVersion = CurlHttpVersion10;
        var method = request.Method.Method;
        var headers = new List<string>();
        var content = request.Content;
        if (method == "HEAD") easy.NoBody = true;
        else if (content is not null)
        {
            // Every method with content is sent the way curl sends a POST (its body from ReadData), under its own name.
            easy.Post = true;
            easy.ReadData = upload;
            easy.PostFieldSize = request.Headers.TransferEncodingChunked == true ? -1 : length ?? -1;
            if (method != "POST") easy.CustomRequest = method;
        }
        else if (method is not ("GET" or "DELETE" or "CONNECT" or "OPTIONS"))
        {
            // SocketsHttpHandler announces an empty body for every method that normally has one: "Content-Length: 0".
            easy.Post = true;
            easy.PostFields = [];
            if (method != "POST") easy.CustomRequest = method;
        }
        else if (method != "GET") easy.CustomRequest = method;

        AddHeaderLines(headers, request);
        // Content headers go only with a body: after a redirect that turns the request into a body-less GET they are
        // dropped with the body, as SocketsHttpHandler drops them (curl would keep every header line).
        var bodyHeaders = new List<string>();
        if (content is not null)
            foreach (var header in content.Headers)
                if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) bodyHeaders.Add(Line(header.Key, header.Value));
        if (content?.Headers.ContentType is null) bodyHeaders.Add("Content-Type:");   // no form type of curl's own
        easy.HttpHeader = headers;
        easy.BodyHeaders = bodyHeaders;
    }

    /// <summary>
    /// Whether <paramref name="request"/> is a plain one: a GET without content, not HTTP/1.0. On a handle whose
    /// options were set up by <see cref="Apply"/> for another plain request only the URL and the header lines can
    /// differ, and <see cref="ApplyPlain"/> sets just those.
    /// </summary>
    public static bool IsPlain(HttpRequestMessage request, Version version) =>
        request.Content is null && request.Method.Method == "GET" && version != System.Net.HttpVersion.Version10;

    /// <summary>
    /// Applies a plain request (<see cref="IsPlain"/>) to a handle whose options are those <see cref="Apply"/> left for
    /// another plain one (and the same handler settings): sets the URL and the header lines when they differ, and
    /// nothing else, so an unchanged handle keeps the engine's snapshots. <paramref name="lines"/> is scratch space.
    /// </summary>
    /// <exception cref="HttpRequestException">A header name or value that cannot go on the wire.</exception>
    public static void ApplyPlain(CurlEasy easy, HttpRequestMessage request, List<string> lines)
    {
        lines.Clear();
        AddHeaderLines(lines, request);
        var url = request.RequestUri!.AbsoluteUri;
        if (easy.Url != url) easy.Url = url;
        if (easy.HttpHeader is not { } current || !current.SequenceEqual(lines, StringComparer.Ordinal)) easy.HttpHeader = lines;   // the setter copies
    }

    // The request's own header lines, then the ones switching off curl's defaults HttpClient does not send.
    private static void AddHeaderLines(List<string> headers, HttpRequestMessage request)
    {
        foreach (var header in request.Headers)
        {
            if (IsHandledApart(header.Key)) continue;
            headers.Add(Line(header.Key, header.Value));
        }
        if (request.Headers.Host is { } host) headers.Add(Line("Host", [host]));
        if (request.Headers.ExpectContinue == true) headers.Add("Expect: 100-continue");
        else headers.Add("Expect:");
        if (!request.Headers.Contains("Accept")) headers.Add("Accept:");
    }

    // Sent by Curlew itself, from the request's properties.
    private static bool IsHandledApart(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Expect", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase);

    private static string Line(string name, IEnumerable<string> values)
    {
        var separator = name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) || name.Equals("Server", StringComparison.OrdinalIgnoreCase) ? " "
            : name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ";
        var value = string.Join(separator, values);
        Check(name, value);
        return name + ": " + value;
    }

    private static void Check(string name, string value)
    {
        foreach (var c in name)
            if (c <= ' ' || c >= 0x7f || c == ':')
                throw new HttpRequestException(HttpRequestError.Unknown, $"The request header name '{name}' holds a character that is not allowed in a header name");
        foreach (var c in value)
        {
            if (c is '\r' or '\n' or '\0')
                throw new HttpRequestException(HttpRequestError.Unknown, $"The value of request header '{name}' holds a CR, LF or NUL character: it could smuggle another header or request");
            if (c >= 0x7f)
                throw new HttpRequestException(HttpRequestError.Unknown, $"The value of request header '{name}' holds a non-ASCII character: request headers must contain only ASCII characters");
        }
    }
}
