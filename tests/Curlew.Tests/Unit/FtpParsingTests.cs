using System.Net;
using System.Text;
using Curlew.Ftp;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>The FTP handler's small readers: URL paths, PASV/EPSV replies, FtpPort values, ASCII line ends, ranges.</summary>
public sealed class FtpParsingTests
{
    [Theory]
    [InlineData("/a/b/c.txt", FtpPath.MultiCwd, "a|b", "c.txt")]
    [InlineData("/a/b/c.txt", FtpPath.SingleCwd, "a/b", "c.txt")]
    [InlineData("/a/b/c.txt", FtpPath.NoCwd, "", "a/b/c.txt")]
    [InlineData("/c.txt", FtpPath.MultiCwd, "", "c.txt")]
    [InlineData("/pub/", FtpPath.MultiCwd, "pub", "")]
    [InlineData("//etc/x", FtpPath.MultiCwd, "/|etc", "x")]
    [InlineData("/a%20b/c%2Fd", FtpPath.MultiCwd, "a b", "c/d")]
    public void A_URL_path_splits_into_directories_and_a_file(string urlPath, long method, string dirs, string file)
    {
        var path = FtpPath.Parse(urlPath, method);
        Assert.Equal(dirs, string.Join('|', path.Directories));
        Assert.Equal(file, path.File);
    }

    [Theory]
    [InlineData("/f.txt;type=a", 'a', false)]
    [InlineData("/f.txt;TYPE=I", 'i', false)]
    [InlineData("/dir;type=d", 'd', true)]
    public void The_type_suffix_is_taken_off_the_path(string urlPath, char type, bool listing)
    {
        var path = FtpPath.Parse(urlPath, FtpPath.MultiCwd);
        Assert.Equal(type, path.Type);
        Assert.Equal(listing, path.IsListing);
        Assert.DoesNotContain(";", path.File);
    }

    [Theory]
    [InlineData("/a%0d%0aDELE/x")]
    [InlineData("/x%00y")]
    [InlineData("/x%7f")]
    public void A_control_character_in_the_path_is_UrlMalformat(string urlPath)
    {
        var ex = Assert.Throws<CurlException>(() => FtpPath.Parse(urlPath, FtpPath.MultiCwd));
        Assert.Equal(CurlCode.UrlMalformat, ex.Code);
    }

    [Theory]
    [InlineData("Entering Extended Passive Mode (|||40045|)", 40045)]
    [InlineData("ok (!!!21!)", 21)]
    public void An_EPSV_reply_gives_its_port(string text, int port) => Assert.Equal(port, PassiveOpener.ParseEpsv(text));

    [Theory]
    [InlineData("Entering Extended Passive Mode (|||0|)")]
    [InlineData("Entering Extended Passive Mode (|||70000|)")]
    [InlineData("Entering Extended Passive Mode (||40045|)")]
    [InlineData("no parentheses")]
    public void A_bad_EPSV_reply_is_FtpWeirdPasvReply(string text) =>
        Assert.Equal(CurlCode.FtpWeirdPasvReply, Assert.Throws<CurlException>(() => PassiveOpener.ParseEpsv(text)).Code);

    [Fact]
    public void A_227_reply_gives_address_and_port()
    {
        var (address, port) = PassiveOpener.Parse227("Entering Passive Mode (10,0,0,99,156,74).");
        Assert.Equal(IPAddress.Parse("10.0.0.99"), address);
        Assert.Equal(156 * 256 + 74, port);
    }

    [Theory]
    [InlineData("Entering Passive Mode (1,2,3,4,5)")]
    [InlineData("Entering Passive Mode (1,2,3,4,0,0)")]
    [InlineData("Entering Passive Mode (1,2,3,400,5,6)")]
    public void A_bad_227_reply_is_FtpWeird227Format(string text) =>
        Assert.Equal(CurlCode.FtpWeird227Format, Assert.Throws<CurlException>(() => PassiveOpener.Parse227(text)).Code);

    [Theory]
    [InlineData("-", "-", 0, 0)]
    [InlineData("127.0.0.1", "127.0.0.1", 0, 0)]
    [InlineData("127.0.0.1:5000", "127.0.0.1", 5000, 5000)]
    [InlineData("127.0.0.1:5000-5010", "127.0.0.1", 5000, 5010)]
    [InlineData("[::1]:5000-5010", "::1", 5000, 5010)]
    [InlineData("::1", "::1", 0, 0)]
    [InlineData("eth0", "eth0", 0, 0)]
    [InlineData(":6000", "", 6000, 6000)]
    public void FtpPort_reads_as_libcurl_reads_it(string value, string host, int first, int last) =>
        Assert.Equal(new FtpPortSpec(host, first, last), FtpPortSpec.Parse(value));

    [Fact]
    public void FtpPort_dash_listens_on_the_control_connections_local_address() =>
        Assert.Equal(IPAddress.Parse("192.0.2.7"), FtpPortSpec.Parse("-").ResolveAddress(IPAddress.Parse("192.0.2.7")));

    [Theory]
    [InlineData(new[] { "a\r\nb\r\n" }, "a\nb\n")]
    [InlineData(new[] { "a\r", "\nb" }, "a\nb")]
    [InlineData(new[] { "a\r", "b" }, "a\rb")]
    [InlineData(new[] { "a\r\r\n" }, "a\r\n")]
    [InlineData(new[] { "end\r" }, "end\r")]
    public void ASCII_mode_turns_CRLF_into_LF_across_chunks(string[] chunks, string expected)
    {
        var converter = new AsciiLineEnds();
        var output = new StringBuilder();
        foreach (var chunk in chunks)
        {
            var input = Encoding.ASCII.GetBytes(chunk);
            var buffer = new byte[input.Length + 1];
            output.Append(Encoding.ASCII.GetString(buffer, 0, converter.Convert(input, buffer)));
        }
        if (converter.Finish()) output.Append('\r');
        Assert.Equal(expected, output.ToString());
    }

    [Theory]
    [InlineData("10-19", 100, 10, 10)]
    [InlineData("10-", 100, 10, -1)]
    [InlineData("-10", 100, 90, 10)]
    [InlineData(null, 100, 0, -1)]
    public void Range_becomes_REST_and_a_byte_limit(string? range, long size, long offset, long limit) =>
        Assert.Equal(new FtpRange(offset, limit), FtpRange.For(range, 0, size));

    [Fact]
    public void ResumeFrom_beyond_the_size_is_BadDownloadResume() =>
        Assert.Equal(CurlCode.BadDownloadResume, Assert.Throws<CurlException>(() => FtpRange.For(null, 101, 100)).Code);
}
