using Curlew.Connect.Proxy;
using Xunit;

namespace Curlew.Tests.Connect.Proxy;

/// <summary>NoProxy matching as libcurl 7.88 does it: star, names and domain suffixes, addresses and CIDR ranges.</summary>
public sealed class NoProxyListTests
{
    [Theory]
    [InlineData("*", "anything.test", true)]
    [InlineData(" * ", "anything.test", true)]
    [InlineData("example.com", "example.com", true)]
    [InlineData("example.com", "www.EXAMPLE.com", true)]
    [InlineData(".example.com", "www.example.com", true)]
    [InlineData(".example.com", "example.com", true)]
    [InlineData("example.com", "badexample.com", false)]
    [InlineData("a.test, example.com", "x.example.com", true)]
    [InlineData("example.com", "example.com.", true)]
    [InlineData("127.0.0.1", "127.0.0.1", true)]
    [InlineData("127.0.0.1", "127.0.0.2", false)]
    [InlineData("127.0.0.0/8", "127.1.2.3", true)]
    [InlineData("10.0.0.0/8", "127.0.0.1", false)]
    [InlineData("192.168.1.0/25", "192.168.1.200", false)]
    [InlineData("::1", "[::1]", true)]
    [InlineData("fe80::/10", "fe80::1", true)]
    [InlineData("127.0.0.1", "localhost", false)]
    [InlineData("localhost", "127.0.0.1", false)]
    [InlineData("", "a.test", false)]
    [InlineData("*.example.com", "www.example.com", false)]
    public void A_host_matches_the_list_as_in_libcurl(string list, string host, bool expected) =>
        Assert.Equal(expected, NoProxyList.Matches(list, host));
}
