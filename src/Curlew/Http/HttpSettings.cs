using Curlew.Protocols;

namespace Curlew.Http;

/// <summary>
/// The options HTTP reads, and only those: a snapshot the engine makes once per perform, so HTTP never sees the
/// easy handle's option store. Names are the options' own.
/// </summary>
internal sealed class HttpSettings
{
    /// <summary>The request kind the options ask for (Post, Upload, NoBody, HttpGet: the last one set wins).</summary>
    public RequestKind Method { get; init; }
    public bool NoBody { get; init; }
    public string? CustomRequest { get; init; }
    public byte[]? PostFields { get; init; }
    public long PostFieldSize { get; init; } = -1;
    public ReadCallback? ReadFunction { get; init; }
    public object? ReadData { get; init; }
    public long InFileSize { get; init; } = -1;

    /// <summary>The user's HttpHeader lines, parsed once.</summary>
    public CustomHeaders Custom { get; init; } = CustomHeaders.Empty;

    /// <summary>Header lines sent only with a body (not a libcurl option; see <c>EasyOptions.BodyHeaders</c>), parsed once.</summary>
    public CustomHeaders BodyCustom { get; init; } = CustomHeaders.Empty;
    public string? UserAgent { get; init; }
    public string? Referer { get; init; }
    public string? Cookie { get; init; }
    public string? UserPwd { get; init; }
    /// <summary>HttpAuth: the <see cref="CurlAuth"/> bits the caller allows (default Basic).</summary>
    public long HttpAuth { get; init; } = 1;
    public long HttpVersion { get; init; }
    public string? Range { get; init; }
    public long ResumeFrom { get; init; }

    /// <summary>Header: response headers go to the body sink too.</summary>
    public bool Header { get; init; }
    public bool FailOnError { get; init; }
    public long MaxFileSize { get; init; }
    public long Expect100TimeoutMs { get; init; } = 1000;

    /// <summary>PostRedir: which of 301, 302 and 303 keep a POST a POST (bits 1, 2, 4).</summary>
    public long PostRedir { get; init; }

    /// <summary>The method the first request uses.</summary>
    public string MethodName => RequestMethod.Name(CustomRequest, NoBody, Method);

    /// <summary>Whether the request kind is a POST.</summary>
    public bool Post => Method == RequestKind.Post;
}
