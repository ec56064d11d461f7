using Curlew.Url;
using Xunit;

namespace Curlew.Tests.Url;

public sealed class CurlUrlParseTests
{
    private static CurlException Rejects(string url) => Assert.Throws<CurlException>(() => CurlUrl.Parse(url));

    [Fact]
    public void AnEmptyPathBecomesASlash()
    {
        var url = CurlUrl.Parse("http://example.com");
        Assert.Equal("/", url.Path);
        Assert.Equal("http://example.com/", url.ToString());
    }

    [Fact]
    public void SchemeAndHostNameAreLowerCased()
    {
        var url = CurlUrl.Parse("HTTP://Example.COM/A");
        Assert.Equal("http", url.Scheme);
        Assert.Equal("example.com", url.Host);
        Assert.Equal("/A", url.Path);
    }

    [Theory]
    [InlineData("http://x/", 80)]
    [InlineData("https://x/", 443)]
    [InlineData("ftp://x/", 21)]
    [InlineData("ftps://x/", 990)]
    public void EachSchemeHasItsDefaultPort(string text, int port)
    {
        var url = CurlUrl.Parse(text);
        Assert.Equal(port, url.Port);
        Assert.False(url.HasExplicitPort);
    }

    [Fact]
    public void AUrlWithoutSchemeIsGuessedToBeHttp()
    {
        var url = CurlUrl.Parse("example.com/x");
        Assert.Equal("http", url.Scheme);
        Assert.Equal("http://example.com/x", url.ToString());
    }

    [Fact]
    public void AHostStartingWithFtpDotIsGuessedToBeFtp()
    {
        Assert.Equal("ftp", CurlUrl.Parse("ftp.example.com/pub").Scheme);
        Assert.Equal("http", CurlUrl.Parse("ftpx.example.com").Scheme);
    }

    [Fact]
    public void AGuessedProtocolCurlewDoesNotSpeakIsUnsupported()
    {
        Assert.Equal(CurlCode.UnsupportedProtocol, Rejects("imap.example.com").Code);
    }

    [Theory]
    [InlineData("foo://x/", "foo")]
    [InlineData("GOPHER://x/", "gopher")]
    public void AnUnknownSchemeIsAnUnsupportedProtocol(string text, string scheme)
    {
        var e = Rejects(text);
        Assert.Equal(CurlCode.UnsupportedProtocol, e.Code);
        Assert.Equal($"Protocol \"{scheme}\" not supported or disabled in Curlew", e.Message);
    }

    [Fact]
    public void AMalformedUrlWithAnUnknownSchemeIsMalformedFirst()
    {
        Assert.Equal(CurlCode.UrlMalformat, Rejects("foo://").Code);
    }

    [Theory]
    [InlineData("", "No URL set")]
    [InlineData("http://", "URL rejected: No host part in the URL")]
    [InlineData("http://:80/", "URL rejected: No host part in the URL")]
    [InlineData("http://u:p@/", "URL rejected: No host part in the URL")]
    [InlineData("http://host:65536/", "URL rejected: Port number was not a decimal number between 0 and 65535")]
    [InlineData("http://host:abc/", "URL rejected: Port number was not a decimal number between 0 and 65535")]
    [InlineData("http://[::1/", "URL rejected: Bad IPv6 address")]
    [InlineData("http://[zz::1]/", "URL rejected: Bad IPv6 address")]
    [InlineData("http://ho%20st/", "URL rejected: Bad hostname")]
    [InlineData("http://a@b@host/", "URL rejected: Bad hostname")]
    [InlineData("http://host/a b", "URL rejected: Malformed input to a URL function")]
    [InlineData("http://ho st/", "URL rejected: Malformed input to a URL function")]
    [InlineData("http://host/\x01", "URL rejected: Malformed input to a URL function")]
    [InlineData("http:////x", "URL rejected: Unsupported number of slashes following scheme")]
    [InlineData("http://u%0a:p@host/", "URL rejected: Bad login part")]
    public void AMalformedUrlIsRejectedWithCurlsReason(string text, string message)
    {
        var e = Rejects(text);
        Assert.Equal(CurlCode.UrlMalformat, e.Code);
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ThreeSlashesAfterTheSchemeAreToleratedLikeCurl()
    {
        Assert.Equal("http://x/", CurlUrl.Parse("http:///x").ToString());
    }

    [Fact]
    public void PortZeroIsAcceptedAsLibcurlDoesAndFailsOnlyAtConnect()
    {
        var url = CurlUrl.Parse("http://host:0/");
        Assert.Equal(0, url.Port);
        Assert.True(url.HasExplicitPort);
    }

    [Fact]
    public void AnEmptyPortMeansTheDefaultPort()
    {
        var url = CurlUrl.Parse("http://host:/x");
        Assert.Equal(80, url.Port);
        Assert.False(url.HasExplicitPort);
        Assert.Equal("http://host/x", url.ToString());
    }

    [Fact]
    public void AnEmptyPortIsRefusedWhenTheSchemeIsGuessed()
    {
        Assert.Equal(CurlCode.UrlMalformat, Rejects("host:").Code);
    }

    [Fact]
    public void LeadingZerosInThePortAreDropped()
    {
        Assert.Equal("http://host:8080/", CurlUrl.Parse("http://host:08080/").ToString());
    }

    [Fact]
    public void AnExplicitDefaultPortStaysInTheUrlButNotInTheHostHeader()
    {
        var url = CurlUrl.Parse("https://x:443/");
        Assert.Equal("https://x:443/", url.ToString());
        Assert.Equal("x", url.HostAndPortForHeader);
    }

    [Theory]
    [InlineData("http://example.com/", "example.com")]
    [InlineData("http://example.com:8080/", "example.com:8080")]
    [InlineData("http://[::1]:8080/", "[::1]:8080")]
    [InlineData("http://[fe80::1%25eth0]/", "[fe80::1]")]
    public void TheHostHeaderOmitsTheDefaultPortAndTheZone(string text, string header)
    {
        Assert.Equal(header, CurlUrl.Parse(text).HostAndPortForHeader);
    }

    [Fact]
    public void AnIPv6LiteralLosesItsBrackets()
    {
        var url = CurlUrl.Parse("http://[::1]:8080/x");
        Assert.True(url.IsIPv6Literal);
        Assert.Equal("::1", url.Host);
        Assert.Equal(8080, url.Port);
        Assert.Null(url.ZoneId);
    }

    [Theory]
    [InlineData("http://[fe80::1%25eth0]/")]
    [InlineData("http://[fe80::1%eth0]/")]
    public void AZoneIdIsAcceptedEscapedOrBare(string text)
    {
        var url = CurlUrl.Parse(text);
        Assert.Equal("fe80::1", url.Host);
        Assert.Equal("eth0", url.ZoneId);
        Assert.Equal("http://[fe80::1%25eth0]/", url.ToString());
    }

    [Theory]
    [InlineData("http://127.1/", "127.0.0.1")]
    [InlineData("http://0x7f.1/", "127.0.0.1")]
    [InlineData("http://0177.0.0.1/", "127.0.0.1")]
    [InlineData("http://2130706433/", "127.0.0.1")]
    [InlineData("http://1.2.3/", "1.2.0.3")]
    public void NumericIPv4ShorthandsBecomeDottedQuads(string text, string host)
    {
        Assert.Equal(host, CurlUrl.Parse(text).Host);
    }

    [Theory]
    [InlineData("http://256.1.1.1/", "256.1.1.1")]
    [InlineData("http://1.2.3.4.5/", "1.2.3.4.5")]
    [InlineData("http://08/", "08")]
    public void NumbersThatAreNotAnAddressStayAHostName(string text, string host)
    {
        Assert.Equal(host, CurlUrl.Parse(text).Host);
    }

    [Fact]
    public void CredentialsArePercentDecodedButKeptAsWrittenInTheUrl()
    {
        var url = CurlUrl.Parse("http://u%20x:p%3a@host/");
        Assert.Equal("u x", url.User);
        Assert.Equal("p:", url.Password);
        Assert.Equal("http://u%20x:p%3a@host/", url.ToString());
    }

    [Fact]
    public void AColonWithNothingAfterItGivesAnEmptyPassword()
    {
        var url = CurlUrl.Parse("http://u:@host/");
        Assert.Equal("u", url.User);
        Assert.Equal("", url.Password);
    }

    [Fact]
    public void AUserWithoutColonHasNoPassword()
    {
        var url = CurlUrl.Parse("http://u@host/");
        Assert.Equal("u", url.User);
        Assert.Null(url.Password);
    }

    [Fact]
    public void AUrlWithoutCredentialsHasNoUser()
    {
        Assert.Null(CurlUrl.Parse("http://host/").User);
    }

    [Fact]
    public void OnlyTheFirstColonSeparatesUserFromPassword()
    {
        Assert.Equal("b:c", CurlUrl.Parse("http://a:b:c@host/").Password);
    }

    [Fact]
    public void PercentEncodingInPathAndQueryIsKeptAsGiven()
    {
        var url = CurlUrl.Parse("http://host/a%20b/%zz?x=%41");
        Assert.Equal("/a%20b/%zz?x=%41", url.PathAndQuery);
    }

    [Theory]
    [InlineData("http://host/a/./b/../c", "/a/c")]
    [InlineData("http://host/../../x", "/x")]
    [InlineData("http://host/a/b/..", "/a/")]
    [InlineData("http://host/a/%2e%2e/b", "/a/%2e%2e/b")]
    public void DotSegmentsAreRemovedFromThePath(string text, string path)
    {
        Assert.Equal(path, CurlUrl.Parse(text).Path);
    }

    [Fact]
    public void DotSegmentsInTheQueryAreLeftAlone()
    {
        Assert.Equal("/a/b?x/../y", CurlUrl.Parse("http://host/a/b?x/../y").PathAndQuery);
    }

    [Fact]
    public void TheFragmentIsNeverSent()
    {
        var url = CurlUrl.Parse("http://host/p?q=1#frag");
        Assert.Equal("/p?q=1", url.PathAndQuery);
        Assert.Equal("q=1", url.Query);
    }

    [Fact]
    public void AQueryRightAfterTheHostGetsTheRootPath()
    {
        Assert.Equal("/?q=1", CurlUrl.Parse("http://host?q=1").PathAndQuery);
    }

    [Fact]
    public void AUrlWithoutQuestionMarkHasNoQuery()
    {
        Assert.Null(CurlUrl.Parse("http://host/p").Query);
    }

    [Fact]
    public void AnEmptyQueryIsKeptOnTheRequestLineButNotInTheUrl()
    {
        var url = CurlUrl.Parse("http://host/p?");
        Assert.Equal("", url.Query);
        Assert.Equal("/p?", url.PathAndQuery);
        Assert.Equal("http://host/p", url.ToString());
    }

    [Fact]
    public void PercentEscapesInTheHostNameAreDecoded()
    {
        Assert.Equal("hosta", CurlUrl.Parse("http://host%41/").Host);
    }
}
