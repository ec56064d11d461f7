using Curlew.Tests.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// The real proxies the proxy cases go through, started on first use and stopped when the run ends: tinyproxy open
/// and demanding a login, danted (SOCKS5), and the TLS nginx as an https origin.
/// </summary>
public static class ProxyDiffServers
{
    private static readonly Lazy<TinyproxyServer> OpenProxy = new(() => TinyproxyServer.StartAsync().GetAwaiter().GetResult());
    private static readonly Lazy<TinyproxyServer> GuardedProxy =
        new(() => TinyproxyServer.StartAsync(ProxyFixture.User, ProxyFixture.Password).GetAwaiter().GetResult());
    private static readonly Lazy<DanteServer> SocksProxy = new(() => DanteServer.StartAsync().GetAwaiter().GetResult());
    private static readonly Lazy<NginxTlsServer> TlsOrigin = new(() => NginxTlsServer.StartAsync().GetAwaiter().GetResult());

    public static TinyproxyServer Open => OpenProxy.Value;
    public static TinyproxyServer Guarded => GuardedProxy.Value;
    public static DanteServer Socks => SocksProxy.Value;
    public static NginxTlsServer Tls => TlsOrigin.Value;
}

/// <summary>Proxy cases: libcurl 7.88.1 and Curlew through the same real proxy, compared by <see cref="DiffHarness"/>.</summary>
public static class ProxyDiffCases
{
    private static DiffScenario Get(string url, int expect, params (CurlOption Option, object? Value)[] options) => Get(url, expect, 1, options);

    private static DiffScenario Get(string url, int expect, int performs, params (CurlOption Option, object? Value)[] options) => new()
    {
        Performs = performs,
        Setup = e =>
        {
            e.Url = url;
            foreach (var (option, value) in options) e.SetOption(option, value);
        },
        ExpectCode = expect,
    };

    private const string Login = ProxyFixture.User + ":" + ProxyFixture.Password;

    public static readonly DiffCase[] Cases =
    [
        new("HTTP proxy GET", s => Get(s.BaseUrl + "/hello", 0, (CurlOption.Proxy, ProxyDiffServers.Open.HostPort))),
        new("HTTP proxy given as http:// URL, echo", s => Get(s.BaseUrl + "/echo", 0, (CurlOption.Proxy, "http://" + ProxyDiffServers.Open.HostPort))),
        new("HTTP proxy with ProxyUserPwd", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, ProxyDiffServers.Guarded.HostPort), (CurlOption.ProxyUserPwd, Login))),
        new("HTTP proxy with the login in the proxy URL", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, $"http://{Login}@{ProxyDiffServers.Guarded.HostPort}"))),
        new("HTTP proxy without its login answers 407", s => Get(s.BaseUrl + "/hello", 0, (CurlOption.Proxy, ProxyDiffServers.Guarded.HostPort))),
        new("HTTP proxy, two performs", s => Get(s.BaseUrl + "/hello", 0, 2, (CurlOption.Proxy, ProxyDiffServers.Open.HostPort))),
        new("HTTP proxy tunnel for http://", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, ProxyDiffServers.Open.HostPort), (CurlOption.HttpProxyTunnel, 1L))),
        new("CONNECT without the login fails with 56", s => Get(s.BaseUrl + "/hello", 56,
            (CurlOption.Proxy, ProxyDiffServers.Guarded.HostPort), (CurlOption.HttpProxyTunnel, 1L))),
        new("CONNECT with the login", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, ProxyDiffServers.Guarded.HostPort), (CurlOption.ProxyUsername, ProxyFixture.User),
            (CurlOption.ProxyPassword, ProxyFixture.Password), (CurlOption.HttpProxyTunnel, 1L))),
        new("https through the HTTP proxy", _ => Get(ProxyDiffServers.Tls.Https("tls") + "/small.txt", 0,
            (CurlOption.Proxy, ProxyDiffServers.Open.HostPort), (CurlOption.CaInfo, ProxyDiffServers.Tls.Certificates.CaFile))),
        new("https through the HTTP proxy, wrong host certificate", _ => Get(ProxyDiffServers.Tls.Https("wronghost") + "/small.txt", 60,
            (CurlOption.Proxy, ProxyDiffServers.Open.HostPort), (CurlOption.CaInfo, ProxyDiffServers.Tls.Certificates.CaFile))),
        new("proxy name does not resolve", s => Get(s.BaseUrl + "/hello", 5, (CurlOption.Proxy, "proxy.invalid:3128"))),
        new("proxy refuses the connection", s => Get(s.BaseUrl + "/hello", 7, (CurlOption.Proxy, $"127.0.0.1:{DiffServers.DeadPort()}"))),
        new("unsupported proxy scheme", s => Get(s.BaseUrl + "/hello", 7, (CurlOption.Proxy, "ftp://127.0.0.1:21"))),
        new("NoProxy names the host", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, $"127.0.0.1:{DiffServers.DeadPort()}"), (CurlOption.NoProxy, "localhost, 127.0.0.1"))),
        new("NoProxy CIDR range", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, $"127.0.0.1:{DiffServers.DeadPort()}"), (CurlOption.NoProxy, "10.0.0.0/8,127.0.0.0/8"))),
        new("NoProxy star", s => Get(s.BaseUrl + "/hello", 0, (CurlOption.Proxy, $"127.0.0.1:{DiffServers.DeadPort()}"), (CurlOption.NoProxy, "*"))),
        new("NoProxy for another host", s => Get(s.BaseUrl + "/hello", 0,
            (CurlOption.Proxy, ProxyDiffServers.Open.HostPort), (CurlOption.NoProxy, "example.com"))),
        new("SOCKS5 by scheme", s => Get(s.BaseUrl + "/hello", 0, (CurlOption.Proxy, "socks5://" + ProxyDiffServers.Socks.HostPort))),
        new("SOCKS5 hostname by ProxyType 7", s => Get($"http://localhost:{s.Port}/hello", 0,
            (CurlOption.Proxy, ProxyDiffServers.Socks.HostPort), (CurlOption.ProxyType, 7L))),
        new("SOCKS5h by scheme, https origin", _ => Get(ProxyDiffServers.Tls.HttpsByName("tls") + "/small.txt", 0,
            (CurlOption.Proxy, "socks5h://" + ProxyDiffServers.Socks.HostPort), (CurlOption.CaInfo, ProxyDiffServers.Tls.Certificates.CaFile))),
        new("SOCKS5 target refuses", _ => Get($"http://127.0.0.1:{DiffServers.DeadPort()}/hello", 97,
            (CurlOption.Proxy, "socks5://" + ProxyDiffServers.Socks.HostPort))),
        new("SOCKS5h target does not resolve", _ => Get("http://origin.invalid/hello", 97,
            (CurlOption.Proxy, "socks5h://" + ProxyDiffServers.Socks.HostPort))),
        new("SOCKS5 target does not resolve locally", _ => Get("http://origin.invalid/hello", 97,
            (CurlOption.Proxy, "socks5://" + ProxyDiffServers.Socks.HostPort))),
        new("SOCKS5 proxy refuses the connection", s => Get(s.BaseUrl + "/hello", 7, (CurlOption.Proxy, $"socks5://127.0.0.1:{DiffServers.DeadPort()}"))),
    ];
}

/// <summary>Proxies behave as in libcurl: codes, bodies, response codes, status lines, what the origin saw, and the socket callbacks.</summary>
public sealed class ProxyDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(ProxyDiffCases.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
