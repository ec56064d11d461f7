using System.Net;

namespace Curlew;

/// <summary>
/// An <see cref="HttpMessageHandler"/> that runs <see cref="HttpClient"/> requests as Curlew transfers:
/// <c>new HttpClient(new CurlHttpHandler { OpenSocketFunction = ..., CaInfo = ... })</c>. Each request gets a
/// <see cref="CurlEasy"/> from the handler's pool (an idle one when there is one, so its cached connection is reused);
/// the response is returned as soon as its head is in and the body is streamed with backpressure. Settings are frozen
/// by the first request (changing one afterwards throws <see cref="InvalidOperationException"/>, as with
/// <see cref="SocketsHttpHandler"/>). HTTP/1.1 only; no automatic decompression, no cookie container.
/// <see cref="HttpMessageInvoker.Dispose()"/> of the client (or <see cref="Dispose(bool)"/> here) closes every idle
/// connection and stops every transfer still running (a response body still being read then fails with an
/// <see cref="IOException"/>) before it returns, through <see cref="CloseSocketFunction"/> for sockets that came from <see cref="OpenSocketFunction"/>.
/// </summary>
public sealed partial class CurlHttpHandler : HttpMessageHandler
{
    private readonly EasyPool _pool;
    // Under its own lock rather than a concurrent dictionary: that would allocate a node for every request.
    private readonly HashSet<CurlExchange> _running = new(ReferenceEqualityComparer.Instance);
    private volatile bool _frozen;
    private int _disposed;

    /// <summary>Creates a handler with HttpClientHandler's defaults where they differ from curl's (redirects followed, at most 50).</summary>
    public CurlHttpHandler() => _pool = new EasyPool(() => MaxConnectionsPerServer, () => new PooledHandle(new CurlEasy()));

    private T Frozen<T>(T value)
    {
        if (_frozen) throw new InvalidOperationException("This CurlHttpHandler has already started sending requests: its settings can no longer change");
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return value;
    }

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        _frozen = true;
        var version = RequestVersions.Choose(request);
        var uri = request.RequestUri ?? throw new InvalidOperationException("The request has no RequestUri and the client no BaseAddress");
        if (!uri.IsAbsoluteUri) throw new InvalidOperationException($"The request URI '{uri}' is not absolute");
        if (uri.Scheme is not ("http" or "https")) throw new NotSupportedException($"The '{uri.Scheme}' scheme is not supported by CurlHttpHandler");
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<HttpResponseMessage>(cancellationToken);
        return CurlExchange.RunAsync(this, _pool, request, version, cancellationToken);
    }

    /// <summary>The synchronous send (<see cref="HttpClient.Send(HttpRequestMessage)"/>): waits on the calling thread for the response head.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Closes every idle handle and its connections, and stops the transfers still running, waiting (up to
    /// <see cref="StopWait"/>) until they have ended and closed their sockets too.
    /// </summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _pool.Dispose();
            var ending = new List<Task>();
            CurlExchange[] running;
            lock (_running) running = [.. _running];
            foreach (var exchange in running)
            {
                exchange.Stop();
                ending.Add(exchange.Completion);
            }
            // A stopped transfer ends as soon as the engine sees its cancellation; the bound only guards against a
            // Dispose called from inside one of the transfer's own callbacks, which that transfer would wait for.
            if (ending.Count > 0) Task.WaitAll([.. ending], StopWait);
        }
        base.Dispose(disposing);
    }

    /// <summary>How long <see cref="Dispose(bool)"/> waits for stopped transfers to end.</summary>
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(10);

    /// <summary>An exchange's transfer started; until <see cref="Ended"/>, disposing the handler stops it.</summary>
    internal void Started(CurlExchange exchange)
    {
        lock (_running) _running.Add(exchange);
        if (_disposed != 0) exchange.Stop();   // disposed in between: never leave one running
    }

    internal void Ended(CurlExchange exchange)
    {
        lock (_running) _running.Remove(exchange);
    }

    /// <summary>Whether <see cref="ConfigureEasy"/> is set: it may set any option, so every request then starts from a reset handle.</summary>
    internal bool ConfiguresEasy => _configureEasy is not null;

    /// <summary>"user:password" from the handler's credentials for <paramref name="uri"/>, or null.</summary>
    internal string? BasicCredential(Uri uri) =>
        _credentials?.GetCredential(uri, "Basic") is { } credential ? credential.UserName + ":" + credential.Password : null;

    /// <summary>Sets this handler's options on a reset handle, before the request's own.</summary>
    internal void Configure(CurlEasy easy, Uri uri)
    {
        easy.OpenSocketFunction = _openSocketFunction;
        easy.OpenSocketData = _openSocketData;
        easy.CloseSocketFunction = _closeSocketFunction;
        easy.CloseSocketData = _closeSocketData;
        easy.SockOptFunction = _sockOptFunction;
        easy.SockOptData = _sockOptData;
        easy.SslVerifyPeer = _sslVerifyPeer;
        easy.SslVerifyHost = _sslVerifyHost;
        if (_caInfo is not null) easy.CaInfo = _caInfo;
        if (_caPath is not null) easy.CaPath = _caPath;
        if (_sslCert is not null) easy.SslCert = _sslCert;
        if (_sslCertType is not null) easy.SslCertType = _sslCertType;
        if (_sslKey is not null) easy.SslKey = _sslKey;
        if (_keyPasswd is not null) easy.KeyPasswd = _keyPasswd;
        if (_pinnedPublicKey is not null) easy.PinnedPublicKey = _pinnedPublicKey;
        easy.SslVersion = _sslVersion;
        if (!_useProxy) easy.Proxy = "";   // "" switches off the environment's proxy too
        else if (_proxy is not null) easy.Proxy = _proxy;
        if (_noProxy is not null) easy.NoProxy = _noProxy;
        if (_proxyUserPwd is not null) easy.ProxyUserPwd = _proxyUserPwd;
        if (_connectTimeout != Timeout.InfiniteTimeSpan) easy.ConnectTimeoutMs = Math.Max(1, (long)_connectTimeout.TotalMilliseconds);
        if (_resolve is not null) easy.Resolve = _resolve;
        if (_connectTo is not null) easy.ConnectTo = _connectTo;
        easy.FollowLocation = _allowAutoRedirect;
        easy.MaxRedirs = _maxAutomaticRedirections;
        if (BasicCredential(uri) is { } credential)
        {
            easy.UserPwd = credential;
            easy.HttpAuth = (long)(_preAuthenticate ? CurlAuth.Basic : CurlAuth.Basic | CurlAuth.Digest);
        }
        _configureEasy?.Invoke(easy);
    }
}
