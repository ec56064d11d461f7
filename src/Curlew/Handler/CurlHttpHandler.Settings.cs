using System.Net;

namespace Curlew;

// The handler's settings: each one maps onto the CurlEasy option of the same (or the named) name and is applied to
// every request's handle. All of them freeze when the first request is sent.
public sealed partial class CurlHttpHandler
{
    private OpenSocketCallback? _openSocketFunction;
    private object? _openSocketData;
    private CloseSocketCallback? _closeSocketFunction;
    private object? _closeSocketData;
    private SockOptCallback? _sockOptFunction;
    private object? _sockOptData;
    private string? _caInfo, _caPath, _sslCert, _sslCertType, _sslKey, _keyPasswd, _pinnedPublicKey, _proxy, _noProxy, _proxyUserPwd;
    private bool _sslVerifyPeer = true, _useProxy = true, _allowAutoRedirect = true, _preAuthenticate;
    private long _sslVerifyHost = 2, _sslVersion;
    private TimeSpan _connectTimeout = Timeout.InfiniteTimeSpan;
    private IReadOnlyList<string>? _resolve, _connectTo;
    private int _maxConnectionsPerServer = int.MaxValue, _maxAutomaticRedirections = 50;
    private ICredentials? _credentials;
    private Action<CurlEasy>? _configureEasy;

    /// <summary>Opens each socket (libcurl's CURLOPT_OPENSOCKETFUNCTION; see <see cref="CurlEasy.OpenSocketFunction"/>). Default null: Curlew opens its own.</summary>
    public OpenSocketCallback? OpenSocketFunction { get => _openSocketFunction; set => _openSocketFunction = Frozen(value); }
    /// <summary>The <c>clientp</c> passed to <see cref="OpenSocketFunction"/> (CURLOPT_OPENSOCKETDATA). Default null.</summary>
    public object? OpenSocketData { get => _openSocketData; set => _openSocketData = Frozen(value); }
    /// <summary>Closes each socket that came from <see cref="OpenSocketFunction"/>, exactly once (CURLOPT_CLOSESOCKETFUNCTION). Default null: Curlew disposes it.</summary>
    public CloseSocketCallback? CloseSocketFunction { get => _closeSocketFunction; set => _closeSocketFunction = Frozen(value); }
    /// <summary>The <c>clientp</c> passed to <see cref="CloseSocketFunction"/> (CURLOPT_CLOSESOCKETDATA). Default null.</summary>
    public object? CloseSocketData { get => _closeSocketData; set => _closeSocketData = Frozen(value); }
    /// <summary>Runs on each new socket before it connects (CURLOPT_SOCKOPTFUNCTION). Default null.</summary>
    public SockOptCallback? SockOptFunction { get => _sockOptFunction; set => _sockOptFunction = Frozen(value); }
    /// <summary>The <c>clientp</c> passed to <see cref="SockOptFunction"/> (CURLOPT_SOCKOPTDATA). Default null.</summary>
    public object? SockOptData { get => _sockOptData; set => _sockOptData = Frozen(value); }

    /// <summary>A PEM file of CA certificates to trust instead of the system's (CURLOPT_CAINFO). Default null: the system store.</summary>
    public string? CaInfo { get => _caInfo; set => _caInfo = Frozen(value); }
    /// <summary>A directory of CA certificates to trust (CURLOPT_CAPATH). Default null.</summary>
    public string? CaPath { get => _caPath; set => _caPath = Frozen(value); }
    /// <summary>Whether the server's certificate chain is verified (CURLOPT_SSL_VERIFYPEER). Default true.</summary>
    public bool SslVerifyPeer { get => _sslVerifyPeer; set => _sslVerifyPeer = Frozen(value); }
    /// <summary>Whether the certificate must name the host: 2 checks, 0 does not (CURLOPT_SSL_VERIFYHOST). Default 2.</summary>
    public long SslVerifyHost { get => _sslVerifyHost; set => _sslVerifyHost = Frozen(value); }
    /// <summary>The client certificate file (CURLOPT_SSLCERT). Default null: none.</summary>
    public string? SslCert { get => _sslCert; set => _sslCert = Frozen(value); }
    /// <summary>The client certificate's format, "PEM", "DER" or "P12" (CURLOPT_SSLCERTTYPE). Default null: PEM.</summary>
    public string? SslCertType { get => _sslCertType; set => _sslCertType = Frozen(value); }
    /// <summary>The client certificate's private key file (CURLOPT_SSLKEY). Default null: in <see cref="SslCert"/>.</summary>
    public string? SslKey { get => _sslKey; set => _sslKey = Frozen(value); }
    /// <summary>The passphrase of <see cref="SslKey"/> (CURLOPT_KEYPASSWD). Default null.</summary>
    public string? KeyPasswd { get => _keyPasswd; set => _keyPasswd = Frozen(value); }
    /// <summary>The server public key(s) to pin, a PEM/DER file or "sha256//..." hashes (CURLOPT_PINNEDPUBLICKEY). Default null.</summary>
    public string? PinnedPublicKey { get => _pinnedPublicKey; set => _pinnedPublicKey = Frozen(value); }
    /// <summary>The TLS version range, libcurl's CURL_SSLVERSION_* value (CURLOPT_SSLVERSION). Default 0: TLS 1.2 and 1.3.</summary>
    public long SslVersion { get => _sslVersion; set => _sslVersion = Frozen(value); }

    /// <summary>Whether a proxy is used at all; false also ignores the environment's proxy variables. Default true (like HttpClientHandler).</summary>
    public bool UseProxy { get => _useProxy; set => _useProxy = Frozen(value); }
    /// <summary>The proxy URL (CURLOPT_PROXY). Default null: the environment's (http_proxy, https_proxy, all_proxy), as curl.</summary>
    public string? Proxy { get => _proxy; set => _proxy = Frozen(value); }
    /// <summary>Hosts reached without the proxy (CURLOPT_NOPROXY). Default null: the environment's no_proxy.</summary>
    public string? NoProxy { get => _noProxy; set => _noProxy = Frozen(value); }
    /// <summary>"user:password" for the proxy (CURLOPT_PROXYUSERPWD). Default null.</summary>
    public string? ProxyUserPwd { get => _proxyUserPwd; set => _proxyUserPwd = Frozen(value); }

    /// <summary>How long to wait for a connection (CURLOPT_CONNECTTIMEOUT_MS). Default infinite, which leaves curl's own 300 s.</summary>
    public TimeSpan ConnectTimeout
    {
        get => _connectTimeout;
        set
        {
            if (value != Timeout.InfiniteTimeSpan && value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), value, "ConnectTimeout must be positive or infinite");
            _connectTimeout = Frozen(value);
        }
    }
    /// <summary>"host:port:address" entries that bypass name resolution (CURLOPT_RESOLVE). Default null.</summary>
    public IReadOnlyList<string>? Resolve { get => _resolve; set => _resolve = Frozen(value); }
    /// <summary>"host:port:connect-host:connect-port" entries that connect elsewhere (CURLOPT_CONNECT_TO). Default null.</summary>
    public IReadOnlyList<string>? ConnectTo { get => _connectTo; set => _connectTo = Frozen(value); }

    /// <summary>Most requests (so connections) at a time to one server (scheme, host, port); more wait their turn. Default unlimited, as SocketsHttpHandler.</summary>
    public int MaxConnectionsPerServer
    {
        get => _maxConnectionsPerServer;
        set => _maxConnectionsPerServer = value > 0 ? Frozen(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxConnectionsPerServer must be at least 1");
    }
    /// <summary>Whether redirects are followed (CURLOPT_FOLLOWLOCATION). Default true, as HttpClientHandler (curl's is false).</summary>
    public bool AllowAutoRedirect { get => _allowAutoRedirect; set => _allowAutoRedirect = Frozen(value); }
    /// <summary>Most redirects followed (CURLOPT_MAXREDIRS); the next redirect response is returned as it is. Default 50, as HttpClientHandler.</summary>
    public int MaxAutomaticRedirections
    {
        get => _maxAutomaticRedirections;
        set => _maxAutomaticRedirections = value > 0 ? Frozen(value) : throw new ArgumentOutOfRangeException(nameof(value), value, "MaxAutomaticRedirections must be at least 1");
    }
    /// <summary>
    /// Server credentials (CURLOPT_USERPWD with CURLOPT_HTTPAUTH): asked for the request URI and "Basic"; sent only to
    /// the first host of a redirect chain, as curl. Default null.
    /// </summary>
    public ICredentials? Credentials { get => _credentials; set => _credentials = Frozen(value); }
    /// <summary>Whether Basic credentials go with the first request (CURLAUTH_BASIC) instead of after the server's 401 (Basic or Digest, its choice). Default false.</summary>
    public bool PreAuthenticate { get => _preAuthenticate; set => _preAuthenticate = Frozen(value); }
    /// <summary>
    /// Runs on each request's handle after the handler's settings and before the request's own (URL, method, headers,
    /// body and the sinks, which win): for any other <see cref="CurlEasy"/> option, such as <see cref="CurlEasy.Verbose"/>
    /// or <see cref="CurlEasy.DebugFunction"/>. Default null.
    /// </summary>
    public Action<CurlEasy>? ConfigureEasy { get => _configureEasy; set => _configureEasy = Frozen(value); }

    /// <summary>Not built in Curlew: always <see cref="DecompressionMethods.None"/>; any other value throws <see cref="NotSupportedException"/>.</summary>
    public DecompressionMethods AutomaticDecompression
    {
        get => DecompressionMethods.None;
        set { if (value != DecompressionMethods.None) throw new NotSupportedException("Curlew does not decode compressed content yet: AutomaticDecompression must stay None"); }
    }
    /// <summary>Not built in Curlew: always false (no cookie container); true throws <see cref="NotSupportedException"/>. A Cookie header on the request is sent as given.</summary>
    public bool UseCookies
    {
        get => false;
        set { if (value) throw new NotSupportedException("Curlew has no cookie engine yet: UseCookies must stay false"); }
    }
}
