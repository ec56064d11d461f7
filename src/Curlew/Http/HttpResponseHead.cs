namespace Curlew.Http;

/// <summary>What the engine needs from a response head; the raw lines went to the header callback as they came.</summary>
internal sealed class HttpResponseHead
{
    public const int MaxCodings = 5;      // libcurl 7.88 refuses more stacked transfer codings than this

    public int StatusCode;
    public int Version = 11;              // major*10 + minor: 10, 11 or 20
    /// <summary>The body length that frames the response: -1 when absent, overflowing, or overridden by Transfer-Encoding.</summary>
    public long ContentLength = -1;
    public bool ContentLengthOverflow;    // a Content-Length beyond 64 bits: ignored, body read until close
    public bool Chunked;
    /// <summary>A Transfer-Encoding header without chunked: Content-Length is not trusted, only close ends the body.</summary>
    public bool CodedWithoutChunks;
    /// <summary>The first transfer coding Curlew cannot undo (anything but chunked and identity); fails the first body write.</summary>
    public string? UndecodableCoding;
    public int Codings;                   // non-chunked transfer codings seen, across all Transfer-Encoding headers
    public bool ConnectionClose;
    public bool ConnectionKeepAlive;
    /// <summary>The server closed before the blank line, after at least one complete line: libcurl ends there with no body.</summary>
    public bool EndedByClose;
    public string? Location;              // the first non-empty one, ready to resolve
    public long? ContentRangeStart;       // null: no Content-Range; ContentRange.Unsatisfied for "*"
    public string? ContentType;
    /// <summary>Every WWW-Authenticate value, in order; read by Auth/ when the answer is a 401.</summary>
    public List<string>? WwwAuthenticate;
    public long HeaderBytes;

    /// <summary>1xx responses are skipped, except 101: libcurl treats an unrequested switch as final, the rest as body.</summary>
    public bool IsInformational => StatusCode is >= 100 and < 200 and not 101;

    /// <summary>CURLINFO_CONTENT_LENGTH_DOWNLOAD_T: 0 for 204 and 304 whatever they say, else the framing length.</summary>
    public long ContentLengthInfo => StatusCode is 204 or 304 ? 0 : ContentLength;

    /// <summary>CURLINFO_HTTP_VERSION: CURL_HTTP_VERSION_1_0, _1_1 or _2_0.</summary>
    public long VersionInfo => Version switch { 10 => 1, 20 => 3, _ => 2 };

    /// <summary>Both a Transfer-Encoding and a Content-Length came, or a Transfer-Encoding in an HTTP/1.0 reply.</summary>
    /// <remarks>The body is framed by the coding, but the peer's framing is in doubt (RFC 9112 6.1, request smuggling),
    /// so the connection is closed afterwards rather than trusted with another request.</remarks>
    public bool FramingInDoubt;

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it.</summary>
    /// <summary>
    /// Makes this object a blank head again, to read the next response into (an exchange keeps one, so a keep-alive
    /// response allocates no head). A Content-Type equal to the last one keeps the last one's string.
    /// </summary>
    public HttpResponseHead Clear()
    {
        _lastContentType = ContentType ?? _lastContentType;
        StatusCode = 0;
        Version = 11;
        ContentLength = -1;
        ContentLengthOverflow = Chunked = CodedWithoutChunks = ConnectionClose = ConnectionKeepAlive = EndedByClose = FramingInDoubt = false;
        UndecodableCoding = null;
        Codings = 0;
        Location = null;
        ContentRangeStart = null;
        ContentType = null;
        WwwAuthenticate = null;
        HeaderBytes = 0;
        return this;
    }

    private string? _lastContentType;

    /// <summary>The Content-Type value as a string: the last response's string when the bytes are the same (a server repeats itself).</summary>
    public string ContentTypeText(ReadOnlySpan<byte> value)
    {
        if (_lastContentType is { } last && last.Length == value.Length && System.Text.Ascii.Equals(value, last)) return last;
        return System.Text.Encoding.UTF8.GetString(value);
    }

    public bool AllowsReuse => !ConnectionClose && !ContentLengthOverflow && !CodedWithoutChunks && !EndedByClose && !FramingInDoubt
        && (Version >= 11 || ConnectionKeepAlive);
}
