using Curlew.Connect.Proxy;
using Xunit;

namespace Curlew.Tests.Connect.Proxy;

/// <summary>Which proxy a URL goes through: the proxy string's parts, the option's defaults and the environment libcurl reads.</summary>
public sealed class ProxyPlannerTests
{
    private static ProxyOptions Options(string? url, long type = 0, bool tunnel = false, string? userPwd = null) =>
        new(url, type, tunnel, 0, userPwd, null, null, null);

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Theory]
    [InlineData("proxy.test:3128", "Http", "proxy.test", 3128)]
    [InlineData("proxy.test", "Http", "proxy.test", 1080)]
    [InlineData("http://proxy.test", "Http", "proxy.test", 1080)]
    [InlineData("HTTP://proxy.test:8080/ignored", "Http", "proxy.test", 8080)]
    [InlineData("socks5://s.test", "Socks5", "s.test", 1080)]
    [InlineData("socks5h://s.test:9050", "Socks5h", "s.test", 9050)]
    [InlineData("socks4a://s.test:1", "Socks4a", "s.test", 1)]
    [InlineData("socks://s.test:1", "Socks4", "s.test", 1)]
    [InlineData("https://p.test", "Https", "p.test", 443)]
    [InlineData("[::1]:3128", "Http", "::1", 3128)]
    public void A_proxy_string_gives_kind_host_and_port(string text, string kind, string host, int port)
    {
        var proxy = ProxyString.Parse(text, 0, 0);
        Assert.Equal((kind, host, port), (proxy.Kind.ToString(), proxy.Host, proxy.Port));
    }

    [Fact]
    public void A_proxy_string_without_a_scheme_takes_its_kind_from_ProxyType()
    {
        Assert.Equal(ProxyKind.Socks5h, ProxyString.Parse("s.test:1080", 7, 0).Kind);
        Assert.Equal(ProxyKind.Http, ProxyString.Parse("http://s.test:1080", 7, 0).Kind);
    }

    [Fact]
    public void An_unknown_proxy_scheme_is_CouldntConnect_with_curls_message()
    {
        var error = Assert.Throws<CurlException>(() => ProxyString.Parse("ftp://p.test:21", 0, 0));
        Assert.Equal(CurlCode.CouldntConnect, error.Code);
        Assert.Equal("Unsupported proxy scheme for 'ftp://p.test:21'", error.Message);
    }

    [Fact]
    public void A_login_in_the_proxy_string_is_decoded_and_wins_over_ProxyUserPwd()
    {
        var route = ProxyPlanner.Plan(Options("http://us%40er:p%3Ass@p.test:1", userPwd: "other:pw"), null, "http", "o.test", "o.test", 80, Env());
        Assert.Equal(("us@er", "p:ss"), (route.User, route.Password));
        Assert.Equal("Basic dXNAZXI6cDpzcw==", route.BasicAuthorization);
    }

    [Fact]
    public void Https_always_tunnels_through_an_HTTP_proxy_and_http_only_when_asked()
    {
        Assert.True(ProxyPlanner.Plan(Options("p.test:1"), null, "https", "o.test", "o.test", 443, Env()).Tunnel);
        Assert.False(ProxyPlanner.Plan(Options("p.test:1"), null, "http", "o.test", "o.test", 80, Env()).Tunnel);
        Assert.True(ProxyPlanner.Plan(Options("p.test:1", tunnel: true), null, "http", "o.test", "o.test", 80, Env()).Tunnel);
    }

    [Fact]
    public void Without_the_option_the_environment_is_read_as_libcurl_reads_it()
    {
        var http = ProxyPlanner.Plan(Options(null), null, "http", "o.test", "o.test", 80, Env(("http_proxy", "lower.test:1"), ("HTTP_PROXY", "upper.test:1")));
        Assert.Equal("lower.test", http.Host);
        // HTTP_PROXY in upper case is never read (CGI puts a request's Proxy header there); ALL_PROXY is.
        var upperOnly = ProxyPlanner.Plan(Options(null), null, "http", "o.test", "o.test", 80, Env(("HTTP_PROXY", "upper.test:1"), ("ALL_PROXY", "all.test:1")));
        Assert.Equal("all.test", upperOnly.Host);
        var https = ProxyPlanner.Plan(Options(null), null, "https", "o.test", "o.test", 443, Env(("HTTPS_PROXY", "secure.test:1")));
        Assert.Equal("secure.test", https.Host);
        Assert.False(ProxyPlanner.Plan(Options(null), null, "http", "o.test", "o.test", 80, Env()).IsSet);
    }

    [Fact]
    public void An_empty_Proxy_option_ignores_the_environment_and_NoProxy_from_the_environment_applies()
    {
        Assert.False(ProxyPlanner.Plan(Options(""), null, "http", "o.test", "o.test", 80, Env(("http_proxy", "p.test:1"))).IsSet);
        Assert.False(ProxyPlanner.Plan(Options("p.test:1"), null, "http", "o.test", "o.test", 80, Env(("NO_PROXY", "o.test"))).IsSet);
        // The option wins over the environment, even when it names no host.
        Assert.True(ProxyPlanner.Plan(Options("p.test:1"), "", "http", "o.test", "o.test", 80, Env(("no_proxy", "o.test"))).IsSet);
    }
}
