using Curlew.Url;
using Xunit;

namespace Curlew.Tests.Url;

/// <summary>Redirect targets: RFC 3986 §5.4 examples against the RFC's base URL, plus curl's leniencies.</summary>
public sealed class CurlUrlResolveTests
{
    private static readonly CurlUrl Base = CurlUrl.Parse("http://a/b/c/d;p?q");

    private static string Resolve(string location) => Base.Resolve(location).ToString();

    [Theory]
    [InlineData("g", "http://a/b/c/g")]
    [InlineData("./g", "http://a/b/c/g")]
    [InlineData("g/", "http://a/b/c/g/")]
    [InlineData("/g", "http://a/g")]
    [InlineData("//g", "http://g/")]
    [InlineData("?y", "http://a/b/c/d;p?y")]
    [InlineData("g?y", "http://a/b/c/g?y")]
    [InlineData("#s", "http://a/b/c/d;p?q#s")]
    [InlineData("g#s", "http://a/b/c/g#s")]
    [InlineData("g?y#s", "http://a/b/c/g?y#s")]
    [InlineData(";x", "http://a/b/c/;x")]
    [InlineData("g;x", "http://a/b/c/g;x")]
    [InlineData("g;x?y#s", "http://a/b/c/g;x?y#s")]
    [InlineData("", "http://a/b/c/d;p?q")]
    [InlineData(".", "http://a/b/c/")]
    [InlineData("./", "http://a/b/c/")]
    [InlineData("..", "http://a/b/")]
    [InlineData("../", "http://a/b/")]
    [InlineData("../g", "http://a/b/g")]
    [InlineData("../..", "http://a/")]
    [InlineData("../../", "http://a/")]
    [InlineData("../../g", "http://a/g")]
    public void NormalExamplesOfRfc3986ResolveAsTheRfcSays(string location, string expected)
    {
        Assert.Equal(expected, Resolve(location));
    }

    [Theory]
    [InlineData("../../../g", "http://a/g")]
    [InlineData("../../../../g", "http://a/g")]
    [InlineData("/./g", "http://a/g")]
    [InlineData("/../g", "http://a/g")]
    [InlineData("g.", "http://a/b/c/g.")]
    [InlineData(".g", "http://a/b/c/.g")]
    [InlineData("g..", "http://a/b/c/g..")]
    [InlineData("..g", "http://a/b/c/..g")]
    [InlineData("./../g", "http://a/b/g")]
    [InlineData("./g/.", "http://a/b/c/g/")]
    [InlineData("g/./h", "http://a/b/c/g/h")]
    [InlineData("g/../h", "http://a/b/c/h")]
    [InlineData("g;x=1/./y", "http://a/b/c/g;x=1/y")]
    [InlineData("g;x=1/../y", "http://a/b/c/y")]
    [InlineData("g?y/./x", "http://a/b/c/g?y/./x")]
    [InlineData("g?y/../x", "http://a/b/c/g?y/../x")]
    [InlineData("g#s/./x", "http://a/b/c/g#s/./x")]
    [InlineData("g#s/../x", "http://a/b/c/g#s/../x")]
    public void AbnormalExamplesOfRfc3986ResolveAsTheRfcSays(string location, string expected)
    {
        Assert.Equal(expected, Resolve(location));
    }

    [Fact]
    public void AnAbsoluteLocationReplacesEverything()
    {
        var target = Base.Resolve("HTTPS://Other.example:8443/x?y");
        Assert.Equal("https", target.Scheme);
        Assert.Equal("other.example", target.Host);
        Assert.Equal(8443, target.Port);
        Assert.Equal("/x?y", target.PathAndQuery);
    }

    [Fact]
    public void ASchemeRelativeLocationKeepsTheScheme()
    {
        var target = CurlUrl.Parse("https://a/b").Resolve("//c:81/d");
        Assert.Equal("https://c:81/d", target.ToString());
    }

    [Fact]
    public void ARelativeLocationKeepsTheCredentialsAndPort()
    {
        var target = CurlUrl.Parse("http://u:p@a:8080/b/c").Resolve("d");
        Assert.Equal("http://u:p@a:8080/b/d", target.ToString());
        Assert.Equal("u", target.User);
    }

    [Fact]
    public void ARelativeLocationAgainstAnIPv6HostKeepsTheZone()
    {
        var target = CurlUrl.Parse("http://[fe80::1%25eth0]:81/b").Resolve("/c");
        Assert.Equal("fe80::1", target.Host);
        Assert.Equal("eth0", target.ZoneId);
        Assert.Equal(81, target.Port);
    }

    [Fact]
    public void SpacesAndNonAsciiInALocationArePercentEncodedLikeCurl()
    {
        Assert.Equal("http://a/b/c/a%20b?x=%C3%BC%20y", Resolve("a b?x=ü y"));
    }

    [Fact]
    public void ALocationWithAnUnsupportedSchemeIsAnUnsupportedProtocol()
    {
        Assert.Equal(CurlCode.UnsupportedProtocol, Assert.Throws<CurlException>(() => Base.Resolve("g:h")).Code);
        Assert.Equal(CurlCode.UnsupportedProtocol, Assert.Throws<CurlException>(() => Base.Resolve("gopher://x/")).Code);
    }

    [Theory]
    [InlineData("http:g")]
    [InlineData("http://[::1/")]
    [InlineData("//:80/x")]
    [InlineData("/a\tb")]
    public void ABadLocationIsAMalformedUrl(string location)
    {
        Assert.Equal(CurlCode.UrlMalformat, Assert.Throws<CurlException>(() => Base.Resolve(location)).Code);
    }
}
