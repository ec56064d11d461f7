using Curlew.Connect.Tcp;
using System.Net;
using Curlew.Connect;
using Curlew.Http;
using Xunit;

namespace Curlew.Tests.Unit;

public class ConnectionRulesTests
{
    [Fact]
    public void Resolve_entries_pin_names_and_later_removals_win()
    {
        var pins = new ResolveEntries(["Example.com:80:127.0.0.2,[::1]", "other:81:10.0.0.1", "-other:81", "bad entry", "x:notaport:1.2.3.4"]);
        Assert.True(pins.TryGet("example.com", 80, out var a));
        Assert.Equal([IPAddress.Parse("127.0.0.2"), IPAddress.IPv6Loopback], a);
        Assert.False(pins.TryGet("example.com", 443, out _));
        Assert.False(pins.TryGet("other", 81, out _));
    }

    [Theory]
    [InlineData("example.com:80:127.0.0.1:9000", "example.com", 80, "127.0.0.1", 9000)]
    [InlineData("::127.0.0.1:9000", "any.host", 1234, "127.0.0.1", 9000)]
    [InlineData("example.com:80::", "example.com", 80, "example.com", 80)]
    [InlineData("[::1]:80:[::2]:81", "::1", 80, "::2", 81)]
    [InlineData("other:80:127.0.0.1:9000", "example.com", 80, "example.com", 80)]
    public void ConnectTo_sends_a_matching_origin_elsewhere(string rule, string host, int port, string wantHost, int wantPort)
    {
        Assert.Equal((wantHost, wantPort), ConnectToRules.Apply([rule], host, port));
    }

    [Fact]
    public void Custom_headers_follow_curls_add_replace_remove_and_empty_rules()
    {
        var h = new CustomHeaders(["X-Add: 1", "Accept:", "X-Empty;", "User-Agent: mine", "Evil: a\r\nInjected: b", "nonsense"]);
        Assert.True(h.Overrides("accept"));
        Assert.True(h.Removes("Accept"));
        Assert.Null(h.RawValueOf("Accept"));
        Assert.Equal(" mine", h.RawValueOf("user-agent"));   // curl keeps the text after the colon as written
        Assert.Equal(["X-Add: 1", "X-Empty:", "User-Agent: mine"], h.ToSend().ToArray());
    }
}
