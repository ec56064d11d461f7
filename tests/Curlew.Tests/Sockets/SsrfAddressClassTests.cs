using System.Net;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>The address table behind SsrfGuard: every special-purpose range, its edges, and the IPv6 spellings of IPv4.</summary>
public class SsrfAddressClassTests
{
    [Theory]
    // IPv4, with both edges of each block where they matter
    [InlineData("0.0.0.0", SsrfAddressClass.Unspecified)]
    [InlineData("0.255.255.255", SsrfAddressClass.Unspecified)]
    [InlineData("127.0.0.1", SsrfAddressClass.Loopback)]
    [InlineData("127.255.255.254", SsrfAddressClass.Loopback)]
    [InlineData("10.0.0.0", SsrfAddressClass.Private)]
    [InlineData("10.255.255.255", SsrfAddressClass.Private)]
    [InlineData("172.16.0.1", SsrfAddressClass.Private)]
    [InlineData("172.31.255.255", SsrfAddressClass.Private)]
    [InlineData("192.168.1.1", SsrfAddressClass.Private)]
    [InlineData("100.64.0.1", SsrfAddressClass.SharedAddressSpace)]
    [InlineData("100.127.255.255", SsrfAddressClass.SharedAddressSpace)]
    [InlineData("169.254.169.254", SsrfAddressClass.LinkLocal)]
    [InlineData("169.254.0.0", SsrfAddressClass.LinkLocal)]
    [InlineData("224.0.0.1", SsrfAddressClass.Multicast)]
    [InlineData("239.255.255.255", SsrfAddressClass.Multicast)]
    [InlineData("255.255.255.255", SsrfAddressClass.Broadcast)]
    [InlineData("240.0.0.1", SsrfAddressClass.Reserved)]
    [InlineData("255.255.255.254", SsrfAddressClass.Reserved)]
    [InlineData("192.88.99.1", SsrfAddressClass.Reserved)]
    [InlineData("198.18.0.1", SsrfAddressClass.Benchmarking)]
    [InlineData("198.19.255.255", SsrfAddressClass.Benchmarking)]
    [InlineData("192.0.0.8", SsrfAddressClass.IetfProtocol)]
    [InlineData("192.0.2.1", SsrfAddressClass.Documentation)]
    [InlineData("198.51.100.7", SsrfAddressClass.Documentation)]
    [InlineData("203.0.113.200", SsrfAddressClass.Documentation)]
    // just outside the blocks: ordinary addresses
    [InlineData("1.1.1.1", SsrfAddressClass.Public)]
    [InlineData("8.8.8.8", SsrfAddressClass.Public)]
    [InlineData("9.255.255.255", SsrfAddressClass.Public)]
    [InlineData("11.0.0.0", SsrfAddressClass.Public)]
    [InlineData("100.63.255.255", SsrfAddressClass.Public)]
    [InlineData("100.128.0.0", SsrfAddressClass.Public)]
    [InlineData("126.255.255.255", SsrfAddressClass.Public)]
    [InlineData("128.0.0.0", SsrfAddressClass.Public)]
    [InlineData("169.253.255.255", SsrfAddressClass.Public)]
    [InlineData("172.15.255.255", SsrfAddressClass.Public)]
    [InlineData("172.32.0.0", SsrfAddressClass.Public)]
    [InlineData("192.167.255.255", SsrfAddressClass.Public)]
    [InlineData("198.17.255.255", SsrfAddressClass.Public)]
    [InlineData("198.20.0.0", SsrfAddressClass.Public)]
    [InlineData("223.255.255.255", SsrfAddressClass.Public)]
    // IPv6
    [InlineData("::", SsrfAddressClass.Unspecified)]
    [InlineData("::1", SsrfAddressClass.Loopback)]
    [InlineData("fe80::1", SsrfAddressClass.LinkLocal)]
    [InlineData("febf:ffff::1", SsrfAddressClass.LinkLocal)]
    [InlineData("fe80::1%1", SsrfAddressClass.LinkLocal)]
    [InlineData("fc00::1", SsrfAddressClass.UniqueLocal)]
    [InlineData("fdff:ffff::1", SsrfAddressClass.UniqueLocal)]
    [InlineData("fec0::1", SsrfAddressClass.SiteLocal)]
    [InlineData("ff02::1", SsrfAddressClass.Multicast)]
    [InlineData("2001:db8::1", SsrfAddressClass.Documentation)]
    [InlineData("3fff::1", SsrfAddressClass.Documentation)]
    [InlineData("2001::1", SsrfAddressClass.Teredo)]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", SsrfAddressClass.Teredo)]
    [InlineData("2001:2::1", SsrfAddressClass.Benchmarking)]
    [InlineData("2001:100::1", SsrfAddressClass.IetfProtocol)]
    [InlineData("100::1", SsrfAddressClass.Discard)]
    [InlineData("64:ff9b:1::1", SsrfAddressClass.Private)]
    [InlineData("4000::1", SsrfAddressClass.Reserved)]
    [InlineData("::1:0:0:1", SsrfAddressClass.Reserved)]
    [InlineData("2606:4700:4700::1111", SsrfAddressClass.Public)]
    [InlineData("2001:4860:4860::8888", SsrfAddressClass.Public)]
    [InlineData("2001:200::1", SsrfAddressClass.Public)]
    // IPv6 forms that carry an IPv4 address are judged by it
    [InlineData("::ffff:127.0.0.1", SsrfAddressClass.Loopback)]
    [InlineData("::ffff:7f00:1", SsrfAddressClass.Loopback)]
    [InlineData("::ffff:169.254.169.254", SsrfAddressClass.LinkLocal)]
    [InlineData("::ffff:8.8.8.8", SsrfAddressClass.Public)]
    [InlineData("::127.0.0.1", SsrfAddressClass.Loopback)]
    [InlineData("::10.0.0.1", SsrfAddressClass.Private)]
    [InlineData("::0.0.0.2", SsrfAddressClass.Unspecified)]
    [InlineData("::ffff:0:127.0.0.1", SsrfAddressClass.Loopback)]
    [InlineData("64:ff9b::a9fe:a9fe", SsrfAddressClass.LinkLocal)]
    [InlineData("64:ff9b::8.8.8.8", SsrfAddressClass.Public)]
    [InlineData("2002:7f00:1::", SsrfAddressClass.Loopback)]
    [InlineData("2002:c0a8:101::1", SsrfAddressClass.Private)]
    [InlineData("2002:808:808::1", SsrfAddressClass.Public)]
    public void Classify_names_the_block_an_address_is_in(string address, SsrfAddressClass expected) =>
        Assert.Equal(expected, SsrfGuard.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("169.254.169.254", 80, "link-local address")]
    [InlineData("127.0.0.1", 443, "loopback address")]
    [InlineData("::ffff:10.1.2.3", 80, "private address")]
    [InlineData("fd00::1", 80, "unique local address")]
    public void Default_refuses_every_special_address_and_says_which_kind(string address, int port, string reason)
    {
        Assert.False(SsrfGuard.Default.IsAllowed(new IPEndPoint(IPAddress.Parse(address), port), out var why));
        Assert.Equal(reason, why);
    }

    [Fact]
    public void Default_lets_public_addresses_through_on_any_port()
    {
        Assert.True(SsrfGuard.Default.IsAllowed(new IPEndPoint(IPAddress.Parse("93.184.215.14"), 8080), out var why));
        Assert.Null(why);
        Assert.True(SsrfGuard.Default.IsAllowed(IPAddress.Parse("2606:4700::1"), 1, out _));
    }

    [Fact]
    public void Default_refuses_unix_sockets_and_unresolved_names()
    {
        Assert.False(SsrfGuard.Default.IsAllowed(new System.Net.Sockets.UnixDomainSocketEndPoint("/tmp/x.sock"), out var why));
        Assert.Equal("Unix domain socket", why);
        Assert.False(SsrfGuard.Default.IsAllowed(new DnsEndPoint("example.com", 80), out why));
        Assert.Equal("not an IP address", why);
    }
}
