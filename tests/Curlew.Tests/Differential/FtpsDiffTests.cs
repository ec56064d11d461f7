using Curlew.Tests.Differential.Scripted;
using Curlew.Tests.Ftps;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// FTPS against the same vsftpd on Curlew and libcurl 7.88.1: code, bytes, the server's
/// replies in order (which show the AUTH, PBSZ and PROT dialogue) and the response code.
/// </summary>
[Collection("ftps")]
public sealed class FtpsDiffTests(FtpsFixture fixture, ITestOutputHelper output)
{
    public static TheoryData<string> Names => new()
    {
        "explicit UseSsl all RETR", "explicit UseSsl all LIST", "explicit UseSsl control RETR", "explicit untrusted CA",
        "implicit RETR",
    };

    // vsftpd offers a new passive port each time: the number is the one part of a reply that may differ.
    private static string[] Replies(List<string> headers) =>
        [.. headers.Select(h => System.Text.RegularExpressions.Regex.Replace(h, @"\(\|\|\|\d+\|\)", "(|||port|)"))];

    private (CurlOption, object?)[] Case(string name)
    {
        int ex = fixture.Explicit.Port, im = fixture.Implicit.Port;
        (CurlOption, object?) ca = (CurlOption.CaInfo, fixture.Certificates.CaFile);
        (CurlOption, object?) resolve = (CurlOption.Resolve, new[] { $"localhost:{ex}:127.0.0.1", $"localhost:{im}:127.0.0.1" });
        return name switch
        {
            "explicit UseSsl all RETR" => [(CurlOption.Url, $"ftp://localhost:{ex}/big.bin"), resolve, ca, (CurlOption.UseSsl, 3L)],
            "explicit UseSsl all LIST" => [(CurlOption.Url, $"ftp://localhost:{ex}/pub/"), resolve, ca, (CurlOption.UseSsl, 3L)],
            "explicit UseSsl control RETR" => [(CurlOption.Url, $"ftp://localhost:{ex}/hello.txt"), resolve, ca, (CurlOption.UseSsl, 2L)],
            "explicit untrusted CA" => [(CurlOption.Url, $"ftp://localhost:{ex}/hello.txt"), resolve,
                (CurlOption.CaInfo, fixture.Certificates.OtherCaFile), (CurlOption.UseSsl, 3L)],
            "implicit RETR" => [(CurlOption.Url, $"ftps://localhost:{im}/hello.txt"), resolve, ca],
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_answers_an_ftps_case_as_libcurl_does(string name)
    {
        var options = Case(name);
        var lib = ScriptedEngines.RunLibCurl(options);
        var mine = ScriptedEngines.RunCurlew(options);
        output.WriteLine($"libcurl:\n{lib.Describe()}{string.Concat(lib.Headers)}\ncurlew:\n{mine.Describe()}{string.Concat(mine.Headers)}");
        Assert.True(lib.Code == mine.Code, $"{name}: libcurl {lib.Code} ({lib.Error}), Curlew {mine.Code} ({mine.Error})");
        Assert.True(lib.Body.AsSpan().SequenceEqual(mine.Body), $"{name}: bodies differ");
        Assert.Equal(Replies(lib.Headers), Replies(mine.Headers));
        Assert.Equal(lib.Info[nameof(CurlInfo.ResponseCode)], mine.Info[nameof(CurlInfo.ResponseCode)]);
    }
}
