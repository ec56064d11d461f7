using System.Net;
using System.Net.Sockets;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>Allow and deny lists, ports and switches of a built guard.</summary>
public class SsrfGuardBuilderTests
{
    private static bool Allowed(SsrfGuard guard, string address, int port = 80) => guard.IsAllowed(IPAddress.Parse(address), port, out _);

    [Fact]
    public void An_allowed_network_wins_over_its_class_and_covers_the_ipv6_forms_of_its_addresses()
    {
        var guard = SsrfGuard.CreateBuilder().Allow("10.1.0.0/16").Build();
        Assert.True(Allowed(guard, "10.1.2.3"));
        Assert.True(Allowed(guard, "::ffff:10.1.2.3"));
        Assert.True(Allowed(guard, "64:ff9b::10.1.2.3"));
        Assert.False(Allowed(guard, "10.2.0.1"));
        Assert.False(Allowed(guard, "127.0.0.1"));
    }

    [Fact]
    public void A_single_address_without_a_prefix_allows_that_address_only()
    {
        var guard = SsrfGuard.CreateBuilder().Allow("127.0.0.1").Build();
        Assert.True(Allowed(guard, "127.0.0.1"));
        Assert.False(Allowed(guard, "127.0.0.2"));
        Assert.False(Allowed(guard, "::1"));
    }

    [Fact]
    public void AllowLoopback_and_AllowPrivateNetworks_open_exactly_those_blocks()
    {
        var guard = SsrfGuard.CreateBuilder().AllowLoopback().AllowPrivateNetworks().Build();
        foreach (var ok in new[] { "127.0.0.1", "127.9.9.9", "::1", "10.0.0.1", "172.20.0.1", "192.168.0.1", "fd00::1" })
            Assert.True(Allowed(guard, ok), ok);
        foreach (var no in new[] { "169.254.169.254", "100.64.0.1", "0.0.0.0", "fe80::1", "224.0.0.1" })
            Assert.False(Allowed(guard, no), no);
    }

    [Fact]
    public void A_denied_network_refuses_public_addresses_but_an_allowed_one_wins()
    {
        var guard = SsrfGuard.CreateBuilder().Deny("8.8.0.0/16").Allow("8.8.8.8").Build();
        Assert.False(guard.IsAllowed(IPAddress.Parse("8.8.4.4"), 53, out var why));
        Assert.Equal("denied network", why);
        Assert.False(Allowed(guard, "::ffff:8.8.4.4"));
        Assert.True(Allowed(guard, "8.8.8.8"));
        Assert.True(Allowed(guard, "1.1.1.1"));
    }

    [Fact]
    public void A_port_list_refuses_every_other_port_even_on_allowed_addresses()
    {
        var guard = SsrfGuard.CreateBuilder().AllowPorts(80, 443).AllowLoopback().Build();
        Assert.True(Allowed(guard, "1.1.1.1", 443));
        Assert.False(guard.IsAllowed(IPAddress.Parse("1.1.1.1"), 8080, out var why));
        Assert.Equal("port not allowed", why);
        Assert.False(Allowed(guard, "127.0.0.1", 22));
        Assert.Equal([80, 443], guard.AllowedPorts);
        Assert.Throws<ArgumentOutOfRangeException>(() => SsrfGuard.CreateBuilder().AllowPorts(65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => SsrfGuard.CreateBuilder().AllowPorts(-1));
    }

    [Fact]
    public void Unix_sockets_are_allowed_only_when_asked()
    {
        var path = new UnixDomainSocketEndPoint("/tmp/curlew-guard.sock");
        Assert.False(SsrfGuard.Default.IsAllowed(path, out _));
        Assert.True(SsrfGuard.CreateBuilder().AllowUnixSockets().Build().IsAllowed(path, out var why));
        Assert.Null(why);
    }

    [Fact]
    public void A_built_guard_does_not_change_when_its_builder_goes_on()
    {
        var builder = SsrfGuard.CreateBuilder().Allow("10.0.0.1");
        var first = builder.Build();
        builder.Allow("10.0.0.2").AllowUnixSockets().AllowPorts(80);
        Assert.False(Allowed(first, "10.0.0.2"));
        Assert.False(first.AllowUnixSockets);
        Assert.Null(first.AllowedPorts);
        Assert.Single(first.AllowedNetworks);
    }

    [Fact]
    public void A_guards_lists_cannot_be_written_through_their_getters()
    {
        var guard = SsrfGuard.CreateBuilder().Allow("10.0.0.1").Deny("8.8.8.8").AllowPorts(443).Build();
        Assert.False(guard.AllowedPorts is int[], "AllowedPorts hands out the guard's own array");
        Assert.False(guard.AllowedNetworks is IPNetwork[], "AllowedNetworks hands out a writable array");
        Assert.False(guard.DeniedNetworks is IPNetwork[], "DeniedNetworks hands out a writable array");
    }

    [Fact]
    public void ToBuilder_starts_from_the_guards_settings()
    {
        var guard = SsrfGuard.CreateBuilder().Allow("10.0.0.1").AllowPorts(443).AllowProxyResolvedNames().Build();
        var derived = guard.ToBuilder().Allow("10.0.0.2").Build();
        Assert.True(Allowed(derived, "10.0.0.1", 443));
        Assert.True(Allowed(derived, "10.0.0.2", 443));
        Assert.False(Allowed(derived, "10.0.0.2", 80));
        Assert.True(derived.AllowProxyResolvedNames);
    }

    [Fact]
    public void Bad_cidr_text_is_refused_when_the_guard_is_built_up()
    {
        Assert.ThrowsAny<FormatException>(() => SsrfGuard.CreateBuilder().Allow("10.0.0.0/33"));
        Assert.ThrowsAny<FormatException>(() => SsrfGuard.CreateBuilder().Deny("not-an-address"));
    }

    [Fact]
    public void A_check_allocates_nothing()
    {
        var guard = SsrfGuard.CreateBuilder().Allow("10.1.0.0/16").Deny("8.8.0.0/16").AllowPorts(80, 443).Build();
        EndPoint[] targets =
        [
            new IPEndPoint(IPAddress.Parse("169.254.169.254"), 80), new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 443),
            new IPEndPoint(IPAddress.Parse("2002:c0a8:101::1"), 80), new IPEndPoint(IPAddress.Parse("1.1.1.1"), 443),
            new IPEndPoint(IPAddress.Parse("10.1.2.3"), 80), new IPEndPoint(IPAddress.Parse("8.8.8.8"), 8080),
        ];
        foreach (var t in targets) guard.IsAllowed(t, out _);   // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        int allowed = 0;
        for (int i = 0; i < 10_000; i++) foreach (var t in targets) if (guard.IsAllowed(t, out _)) allowed++;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20_000, allowed);
        Assert.Equal(0, allocated);
    }
}
