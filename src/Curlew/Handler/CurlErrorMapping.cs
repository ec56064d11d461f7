namespace Curlew;

/// <summary>
/// How a failed transfer looks to an <see cref="HttpClient"/> caller: an <see cref="HttpRequestException"/> (or, once
/// the response was returned, an <see cref="HttpIOException"/> from the body stream) with the
/// <see cref="HttpRequestError"/> that matches the <see cref="CurlCode"/>, curl's message, and as inner exception a
/// <c>CurlException</c> carrying the code (also readable as <c>Exception.Data["CurlCode"]</c> on both) whose own inner
/// exception is whatever a user callback or the request content threw.
/// </summary>
internal static class CurlErrorMapping
{
    /// <summary>The key under which both exceptions carry the <see cref="CurlCode"/> in <see cref="Exception.Data"/>.</summary>
    public const string DataKey = "CurlCode";

    /// <summary>The <see cref="HttpRequestError"/> for <paramref name="code"/>.</summary>
    public static HttpRequestError ErrorFor(CurlCode code) => code switch
    {
        CurlCode.CouldntResolveHost => HttpRequestError.NameResolutionError,
        CurlCode.CouldntConnect or CurlCode.OperationTimedout or CurlCode.SendError => HttpRequestError.ConnectionError,
        CurlCode.SslConnectError or CurlCode.SslCertProblem or CurlCode.PeerFailedVerification or CurlCode.SslCaCertBadFile
            or CurlCode.SslPinnedPubKeyNotMatch or CurlCode.UseSslFailed => HttpRequestError.SecureConnectionError,
        CurlCode.GotNothing or CurlCode.PartialFile or CurlCode.RecvError => HttpRequestError.ResponseEnded,
        CurlCode.WeirdServerReply or CurlCode.BadContentEncoding or CurlCode.TooLarge => HttpRequestError.InvalidResponse,
        CurlCode.CouldntResolveProxy or CurlCode.Proxy => HttpRequestError.ProxyTunnelError,
        CurlCode.UnsupportedProtocol => HttpRequestError.HttpProtocolError,
        _ => HttpRequestError.Unknown,
    };

    /// <summary>The inner exception: the code, curl's message and what a callback threw.</summary>
    public static Exception Inner(CurlCode code, string? message, Exception? callbackException)
    {
        var inner = new CurlException(code, message ?? Curl.StrError(code), callbackException);
        inner.Data[DataKey] = code;
        return inner;
    }

    /// <summary>A failure before the response was returned.</summary>
    public static HttpRequestException BeforeResponse(CurlCode code, string? message, Exception? callbackException)
    {
        var ex = new HttpRequestException(ErrorFor(code), Describe(code, message), Inner(code, message, callbackException));
        ex.Data[DataKey] = code;
        return ex;
    }

    /// <summary>A failure while the body was coming: what the response stream's reader gets.</summary>
    public static HttpIOException DuringBody(CurlCode code, string? message, Exception? callbackException)
    {
        var error = ErrorFor(code) is HttpRequestError.Unknown or HttpRequestError.ConnectionError ? HttpRequestError.ResponseEnded : ErrorFor(code);
        var ex = new HttpIOException(error, Describe(code, message), Inner(code, message, callbackException));
        ex.Data[DataKey] = code;
        return ex;
    }

    private static string Describe(CurlCode code, string? message) => $"{message ?? Curl.StrError(code)} (curl error {(int)code}: {Curl.StrError(code)})";
}
