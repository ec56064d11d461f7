namespace Curlew.Http;

/// <summary>What the engine needs from a response head; the raw lines went to the header callback as they came.</summary>
internal sealed class HttpResponseHead
{
    public int StatusCode;
    public int MinorVersion = 1;          // HTTP/1.x
    public long ContentLength = -1;
    public bool ContentLengthOverflow;    // a Content-Length beyond 64 bits: ignored, body read until close
    public bool Chunked;
    public bool ConnectionClose;
    public bool ConnectionKeepAlive;
    public string? Location;              // the first non-empty one, ready to resolve
    public long? ContentRangeStart;       // null: no Content-Range; ContentRange.Unsatisfied for "*"
    public string? ContentType;
    public long HeaderBytes;

    public bool IsInformational => StatusCode is >= 100 and < 200;

    /// <summary>HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it.</summary>
    public bool AllowsReuse => !ConnectionClose && !ContentLengthOverflow && (MinorVersion >= 1 || ConnectionKeepAlive);
}
