using System.Net.Sockets;
using Curlew.Tests.Differential;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Proxy;

/// <summary>
/// Through a proxy the open-socket callback sees the proxy's address (purpose IpCxn), and every socket reaches the
/// close callback exactly once, on success and on every proxy failure path.
/// </summary>
[Collection("nginx")]
public sealed class ProxyLedgerTests(NginxFixture fixture)
{
    private string Origin => fixture.Server.BaseUrl + "/small.txt";

    private static void AssertOnlyTheProxyWasOpened(TestTransfer t, int proxyPort)
    {
        Assert.NotEmpty(t.Ledger.Opens);
        Assert.All(t.Ledger.Opens, open => Assert.True(open.Port == proxyPort && open.Purpose == CurlSockType.IpCxn,
            $"expected only IpCxn opens of the proxy port {proxyPort}:\n{t.Ledger.Describe()}"));
    }

    [Fact]
    public async Task A_request_through_an_HTTP_proxy_opens_the_proxy_and_closes_it_once()
    {
        using var t = new TestTransfer(Origin);
        t.Easy.Proxy = ProxyDiffServers.Open.HostPort;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Contains(t.Capture.HeaderLines, line => line.StartsWith("Via:", StringComparison.OrdinalIgnoreCase));
        AssertOnlyTheProxyWasOpened(t, ProxyDiffServers.Open.Port);
        t.Finish();
    }

    [Fact]
    public async Task A_refused_CONNECT_closes_the_proxy_socket_once_and_reports_the_connect_code()
    {
        using var t = new TestTransfer(Origin);
        t.Easy.Proxy = ProxyDiffServers.Guarded.HostPort;
        t.Easy.HttpProxyTunnel = true;
        await t.PerformExpecting(CurlCode.RecvError);
        Assert.Equal(407, t.Easy.GetInfoLong(CurlInfo.HttpConnectCode));
        AssertOnlyTheProxyWasOpened(t, ProxyDiffServers.Guarded.Port);
        t.Finish();
    }

    [Fact]
    public async Task A_SOCKS5_target_that_refuses_closes_the_proxy_socket_once()
    {
        using var t = new TestTransfer($"http://127.0.0.1:{DiffServers.DeadPort()}/");
        t.Easy.Proxy = "socks5://" + ProxyDiffServers.Socks.HostPort;
        await t.PerformExpecting(CurlCode.Proxy);
        AssertOnlyTheProxyWasOpened(t, ProxyDiffServers.Socks.Port);
        t.Finish();
    }

    [Fact]
    public async Task A_proxy_that_refuses_the_connection_is_CouldntConnect_with_its_socket_closed_once()
    {
        int dead = DiffServers.DeadPort();
        using var t = new TestTransfer(Origin);
        t.Easy.Proxy = $"127.0.0.1:{dead}";
        await t.PerformExpecting(CurlCode.CouldntConnect);
        AssertOnlyTheProxyWasOpened(t, dead);
        t.Finish();
    }

    // A proxy that hangs up in the middle of its handshake: no real proxy does this on purpose, so a scripted peer.
    [Theory]
    [InlineData("socks5", CurlCode.Proxy)]
    [InlineData("http-tunnel", CurlCode.RecvError)]
    public async Task A_proxy_that_hangs_up_during_the_handshake_fails_with_its_socket_closed_once(string kind, CurlCode expected)
    {
        await using var peer = FaultServer.Start(async (socket, ct) =>
        {
            var buffer = new byte[512];
            await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            socket.Close();
        });
        using var t = new TestTransfer(Origin);
        t.Easy.Proxy = (kind == "socks5" ? "socks5://" : "") + $"127.0.0.1:{peer.Port}";
        if (kind == "http-tunnel") t.Easy.HttpProxyTunnel = true;
        await t.PerformExpecting(expected);
        AssertOnlyTheProxyWasOpened(t, peer.Port);
        t.Finish();
    }

    // A proxy that accepts and then says nothing: the handshake waits until the deadline or the caller's cancellation.
    private static FaultServer SilentProxy() => FaultServer.Start(async (socket, ct) =>
    {
        var buffer = new byte[512];
        await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
        await Task.Delay(Timeout.Infinite, ct);
    });

    private static void UseProxy(CurlEasy easy, string kind, int port)
    {
        easy.Proxy = (kind == "socks5" ? "socks5://" : "") + $"127.0.0.1:{port}";
        if (kind == "http-tunnel") easy.HttpProxyTunnel = true;
    }

    [Theory]
    [InlineData("socks5")]
    [InlineData("http-tunnel")]
    public async Task A_proxy_silent_during_the_handshake_times_out_with_its_socket_closed_once(string kind)
    {
        await using var peer = SilentProxy();
        using var t = new TestTransfer(Origin);
        UseProxy(t.Easy, kind, peer.Port);
        t.Easy.TimeoutMs = 500;
        await t.PerformExpecting(CurlCode.OperationTimedout);
        AssertOnlyTheProxyWasOpened(t, peer.Port);
        t.Finish();
    }

    [Theory]
    [InlineData("socks5")]
    [InlineData("http-tunnel")]
    public async Task Cancelling_during_a_proxy_handshake_closes_the_proxy_socket_once(string kind)
    {
        await using var peer = SilentProxy();
        using var t = new TestTransfer(Origin);
        UseProxy(t.Easy, kind, peer.Port);
        using var cancel = new CancellationTokenSource(300);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => t.Easy.PerformAsyncGuarded(cancel.Token, t.Ledger));
        AssertOnlyTheProxyWasOpened(t, peer.Port);
        t.Easy.Dispose();
        t.Ledger.AssertBalanced();
    }

    [Theory]
    [InlineData("socks4://127.0.0.1:1080")]
    [InlineData("socks4a://127.0.0.1:1080")]
    [InlineData("https://127.0.0.1:3128")]
    public async Task A_proxy_kind_not_built_is_refused_before_any_socket_is_opened(string proxy)
    {
        using var t = new TestTransfer(Origin);
        t.Easy.Proxy = proxy;
        Assert.Equal(CurlCode.NotBuiltIn, await t.Perform());
        Assert.Empty(t.Ledger.OpenAttempts);
        t.Easy.Dispose();
        t.Ledger.AssertBalanced();
    }
}
