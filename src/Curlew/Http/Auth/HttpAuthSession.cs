namespace Curlew.Http.Auth;

/// <summary>
/// The HttpAuth choice applied to one perform: keeps a <see cref="HostAuthState"/> per origin (scheme, host, port), so
/// a nonce or a chosen scheme never carries over to another server, and dresses each request before it is sent.
/// Credentials only go where <see cref="HttpRequest.SendCredentials"/> allows (the redirect rule stays in RedirectPolicy).
/// </summary>
internal sealed class HttpAuthSession
{
    private readonly long _wanted;
    private readonly bool _ieStyle;
    private readonly string? _userPwd;
    private readonly bool _callerAuthorizes;
    private Dictionary<string, HostAuthState>? _hosts;   // made when credentials first go out: a plain GET needs none

    // callerAuthorizes: the caller sends an Authorization header of its own. It replaces Curlew's whatever the
    // scheme, so a 401 is never answered by repeating the same request. (libcurl lets it replace Basic only and sends
    // two Authorization fields with Digest, which RFC 9110 does not allow.)
    public HttpAuthSession(long httpAuth, string? userPwd, bool callerAuthorizes)
    {
        _callerAuthorizes = callerAuthorizes;
        // DigestIe is Digest with a different uri; the rest of the bits are taken as they are.
        _ieStyle = (httpAuth & (long)CurlAuth.DigestIe) != 0;
        _wanted = _ieStyle ? (httpAuth | (long)CurlAuth.Digest) & ~(long)CurlAuth.DigestIe : httpAuth;
        _userPwd = userPwd;
    }

    /// <summary>
    /// The request as it goes on the wire: with its Authorization value, and with an empty body while Digest still
    /// waits for its first nonce. The original keeps its body for the attempt that follows.
    /// </summary>
    public HttpRequest Prepare(HttpRequest request)
    {
        if (request.Credentials(_userPwd) is not { } credentials) return request.Authorization is null ? request : request with { Authorization = null };
        int colon = credentials.IndexOf(':');
        var state = StateFor(request);
        string target = Url.PercentEncoding.EncodeNonAsciiLower(request.Url.PathAndQuery);
        var dressed = request with { Authorization = state.Authorization(credentials[..colon], credentials[(colon + 1)..], request.Method, target) };
        if (request.Body is not null && state.WithholdsBody(request.Method))
            dressed = dressed with { Body = Protocols.UploadSource.FromBytes([], 0), HeldBack = request.Body };
        return dressed;
    }

    /// <summary>Forgets every server's state, for the next perform of the same handle (a nonce never outlives its perform).</summary>
    public void Clear() => _hosts?.Clear();

    /// <summary>Whether the server's answer calls for the same request again, now (or again) with credentials.</summary>
    public bool WantsRetry(HttpRequest sent, HttpResponseHead head) =>
        !_callerAuthorizes && sent.Credentials(_userPwd) is not null && StateFor(sent).WantsRetry(head, bodyWithheld: sent.HeldBack is not null);

    /// <summary>The request to repeat: its body starts over, or the transfer fails when that is impossible.</summary>
    public static HttpRequest Again(HttpRequest original)
    {
        if (original.Body is { } body && !body.TryRewind())
            throw new CurlException(CurlCode.SendFailRewind,
                "The upload cannot start over to send it again with credentials: the read callback cannot rewind (give a seekable Stream as ReadData)");
        return original;
    }

    private HostAuthState StateFor(HttpRequest request)
    {
        var url = request.Url;
        string origin = $"{url.Scheme}://{url.Host}:{url.Port}";
        var hosts = _hosts ??= new(StringComparer.OrdinalIgnoreCase);
        if (!hosts.TryGetValue(origin, out var state)) hosts[origin] = state = new HostAuthState(_wanted, _ieStyle);
        return state;
    }
}
