using System.Text.RegularExpressions;
using Curlew.Tests.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// What FTP hands the write and header callbacks, with and without CURLOPT_HEADER, on libcurl 7.88.1 and Curlew
/// against the same vsftpd: every server reply line goes to the header callback only; NoBody's synthesised
/// <c>Last-Modified:</c> (with Filetime), <c>Content-Length:</c> and <c>Accept-ranges:</c> lines go to both.
/// </summary>
[Collection("vsftpd")]
public sealed partial class FtpHeaderDiffTests(VsftpdFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Names => new()
    {
        "Header RETR", "Header LIST", "Header NoBody Filetime", "Header NoBody", "NoBody Filetime", "Header missing file",
    };

    private (CurlOption, object?)[] Options(string name)
    {
        string hello = fixture.Server.BaseUrl + "/hello.txt";
        (CurlOption, object?) header = (CurlOption.Header, 1L);
        return name switch
        {
            "Header RETR" => [(CurlOption.Url, hello), header],
            "Header LIST" => [(CurlOption.Url, fixture.Server.BaseUrl + "/pub/"), header],
            "Header NoBody Filetime" => [(CurlOption.Url, hello), header, (CurlOption.NoBody, 1L), (CurlOption.Filetime, 1L)],
            "Header NoBody" => [(CurlOption.Url, hello), header, (CurlOption.NoBody, 1L)],
            "NoBody Filetime" => [(CurlOption.Url, hello), (CurlOption.NoBody, 1L), (CurlOption.Filetime, 1L)],
            "Header missing file" => [(CurlOption.Url, fixture.Server.BaseUrl + "/nope.txt"), header],
            _ => throw new ArgumentException(name),
        };
    }

    [GeneratedRegex(@"\(\|\|\|\d+\|\)")]
    private static partial Regex PassivePort();

    private static string[] Replies(List<string> headers) => [.. headers.Select(h => PassivePort().Replace(h, "(|||port|)"))];

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_writes_ftp_header_lines_where_libcurl_does(string name)
    {
        SessionStep[] steps = [new(Options(name))];
        var lib = FtpSessionRun.LibCurl(steps);
        var mine = FtpSessionRun.Curlew(steps);
        output.WriteLine($"libcurl: {lib}\ncurlew: {mine}");
        Assert.Equal(lib.Codes, mine.Codes);
        Assert.Equal(SessionText(lib.Body), SessionText(mine.Body));
        Assert.Equal(Replies(lib.Headers), Replies(mine.Headers));
        Assert.Equal(lib.ResponseCode, mine.ResponseCode);
    }

    private static string SessionText(byte[] body) => System.Text.Encoding.Latin1.GetString(body);
}
