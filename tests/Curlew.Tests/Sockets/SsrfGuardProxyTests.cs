using Curlew.Tests.Differential;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>
/// The SSRF guard with proxies (tinyproxy and dante, both on loopback): the proxy's own address is judged like any
/// other; a target the proxy would resolve itself is refused unless the guard trusts proxy resolution; a target given
/// as an address, or resolved here for SOCKS5, is judged. Every target here is on loopback, so a broken guard would
/// still send nothing off this machine.
/// </summary>
[Collection("nginx")]
public sealed class SsrfGuardProxyTests(NginxFixture fixture)
{
    private int OriginPort => fixture.Server.Port;
    private string NamedOrigin => $"http://localhost:{OriginPort}/small.txt";
    private static readonly SsrfGuard ProxyOnly = SsrfGuard.CreateBuilder().Allow("127.0.0.1").Build();

    [Fact]
    public async Task The_proxys_own_address_is_judged_like_any_other()
    {
        using var t = new TestTransfer(NamedOrigin);
        t.Easy.Proxy = ProxyDiffServers.Open.HostPort;
        t.Easy.SsrfGuard = SsrfGuard.Default.ToBuilder().AllowProxyResolvedNames().Build();
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {ProxyDiffServers.Open.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_name_an_HTTP_proxy_would_resolve_is_refused_before_any_socket(bool tunnel)
    {
        using var t = new TestTransfer(NamedOrigin);
        t.Easy.Proxy = ProxyDiffServers.Open.HostPort;
        t.Easy.HttpProxyTunnel = tunnel;
        t.Easy.SsrfGuard = ProxyOnly;
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.StartsWith($"Connection to localhost port {OriginPort} through the proxy refused by the SSRF guard (the proxy would resolve", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Fact]
    public async Task A_guard_that_trusts_proxy_resolution_lets_the_named_target_through()
    {
        using var t = new TestTransfer(NamedOrigin);
        t.Easy.Proxy = ProxyDiffServers.Open.HostPort;
        t.Easy.SsrfGuard = ProxyOnly.ToBuilder().AllowProxyResolvedNames().Build();
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_target_given_as_an_address_is_judged_even_through_a_proxy()
    {
        using var t = new TestTransfer(fixture.Server.BaseUrl + "/small.txt");
        t.Easy.Proxy = ProxyDiffServers.Open.HostPort;
        t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().AllowLoopback().AllowPorts(ProxyDiffServers.Open.Port).AllowProxyResolvedNames().Build();
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {OriginPort} through the proxy refused by the SSRF guard (port not allowed)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Fact]
    public async Task A_SOCKS5_target_resolved_here_is_judged_and_the_proxy_socket_closed_once()
    {
        using var t = new TestTransfer($"http://inside.test:{OriginPort}/small.txt");
        t.Easy.Proxy = "socks5://" + ProxyDiffServers.Socks.HostPort;
        t.Easy.Resolve = [$"inside.test:{OriginPort}:127.0.0.2"];
        t.Easy.SsrfGuard = ProxyOnly;
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to inside.test (127.0.0.2) port {OriginPort} through the proxy refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Single(t.Ledger.Opens);   // the proxy, before the target is resolved (as libcurl orders it)
        t.Finish();
    }

    [Fact]
    public async Task A_SOCKS5_target_resolved_here_to_an_allowed_address_goes_through()
    {
        using var t = new TestTransfer($"http://inside.test:{OriginPort}/small.txt");
        t.Easy.Proxy = "socks5://" + ProxyDiffServers.Socks.HostPort;
        t.Easy.Resolve = [$"inside.test:{OriginPort}:127.0.0.1"];
        t.Easy.SsrfGuard = ProxyOnly;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_SOCKS5h_name_is_refused_unless_proxy_resolution_is_trusted()
    {
        using var t = new TestTransfer(NamedOrigin);
        t.Easy.Proxy = "socks5h://" + ProxyDiffServers.Socks.HostPort;
        t.Easy.SsrfGuard = ProxyOnly;
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Contains("through the proxy refused by the SSRF guard", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }
}
