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
    private readonly bool _callerAuthorizes;
    private Dictionary<string, HostAuthState>? _hosts;   // made when credentials first go out: a plain GET needs none
    // What a keep-alive loop with credentials would otherwise make on every request: the origin key's state, the
    // credentials text, the Basic value and the dressed request. Each is kept while what it came from is unchanged.
    private (string Scheme, string Host, int Port, HostAuthState State)? _lastOrigin;
    private Url.CurlUrl? _urlCredentialsFrom;
    private string? _urlCredentials;
    private string? _basicFrom, _basicValue;
    private HttpRequest? _dressedFrom, _dressed;
    private readonly string? _userPwdCredentials;
    private const int MaxKeptOrigins = 16;

    // callerAuthorizes: the caller sends an Authorization header of its own. It replaces Curlew's whatever the
    // scheme, so a 401 is never answered by repeating the same request. (libcurl lets it replace Basic only and sends
    // two Authorization fields with Digest, which RFC 9110 does not allow.)
    public HttpAuthSession(long httpAuth, string? userPwd, bool callerAuthorizes)
    {
        _callerAuthorizes = callerAuthorizes;
        // DigestIe is Digest with a different uri; the rest of the bits are taken as they are.
        _ieStyle = (httpAuth & (long)CurlAuth.DigestIe) != 0;
        _wanted = _ieStyle ? (httpAuth | (long)CurlAuth.Digest) & ~(long)CurlAuth.DigestIe : httpAuth;
        _userPwdCredentials = userPwd is null ? null : userPwd.Contains(':') ? userPwd : userPwd + ":";
    }

    /// <summary>
    /// The request as it goes on the wire: with its Authorization value, and with an empty body while Digest still
    /// waits for its first nonce. The original keeps its body for the attempt that follows.
    /// </summary>
    public HttpRequest Prepare(HttpRequest request)
    {
        if (CredentialsFor(request) is not { } credentials) return request.Authorization is null ? request : request with { Authorization = null };
        var state = StateFor(request);
        string? authorization = state.SendsBasic ? BasicValueOf(credentials)
            : state.DigestAuthorization(credentials, request.Method, Url.PercentEncoding.EncodeNonAsciiLower(request.Url.PathAndQuery));
        if (request.Body is not null && state.WithholdsBody(request.Method))
            return request with { Authorization = authorization, Body = Protocols.UploadSource.FromBytes([], 0), HeldBack = request.Body };
        // The same request with the same value as last time (a kept request of a keep-alive loop with Basic): the
        // same dressed copy. Records compare by value, so the check is by reference on both.
        if (ReferenceEquals(_dressedFrom, request) && ReferenceEquals(_dressed!.Authorization, authorization)) return _dressed;
        var dressed = request with { Authorization = authorization };
        (_dressedFrom, _dressed) = (request, dressed);
        return dressed;
    }

    /// <summary>
    /// Forgets every server's state, for the next perform of the same handle (a nonce never outlives its perform). The
    /// state objects of a few servers are kept, reset, so a keep-alive loop with credentials makes none per perform.
    /// </summary>
    public void Clear()
    {
        if (_hosts is null) return;
        if (_hosts.Count > MaxKeptOrigins)
        {
            _hosts.Clear();
            _lastOrigin = null;
        }
        else foreach (var state in _hosts.Values) state.Reset();
    }

    // Credentials as "user:password": UserPwd wins over the URL's own, as in libcurl 7.88, and a UserPwd without a
    // colon is a user with an empty password. Each text is made once, not again for every request.
    private string? CredentialsFor(HttpRequest request)
    {
        if (!request.SendCredentials) return null;
        if (_userPwdCredentials is not null) return _userPwdCredentials;
        var url = request.Url;
        if (url.User is null) return null;
        if (!ReferenceEquals(_urlCredentialsFrom, url)) (_urlCredentialsFrom, _urlCredentials) = (url, $"{url.User}:{url.Password}");
        return _urlCredentials;
    }

    private string BasicValueOf(string credentials)
    {
        if (_basicValue is null || !string.Equals(_basicFrom, credentials, StringComparison.Ordinal))
            (_basicFrom, _basicValue) = (credentials, HostAuthState.BasicValue(credentials));
        return _basicValue;
    }

    /// <summary>Whether the server's answer calls for the same request again, now (or again) with credentials.</summary>
    public bool WantsRetry(HttpRequest sent, HttpResponseHead head) =>
        !_callerAuthorizes && CredentialsFor(sent) is not null && StateFor(sent).WantsRetry(head, bodyWithheld: sent.HeldBack is not null);

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
        if (_lastOrigin is { } last && last.Port == url.Port && string.Equals(last.Scheme, url.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(last.Host, url.Host, StringComparison.OrdinalIgnoreCase))
            return last.State;
        string origin = $"{url.Scheme}://{url.Host}:{url.Port}";
        var hosts = _hosts ??= new(StringComparer.OrdinalIgnoreCase);
        if (!hosts.TryGetValue(origin, out var state)) hosts[origin] = state = new HostAuthState(_wanted, _ieStyle);
        _lastOrigin = (url.Scheme, url.Host, url.Port, state);
        return state;
    }
}
