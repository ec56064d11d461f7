using Curlew.Tests.Ftps;
using Curlew.Tests.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// CURLINFO_APPCONNECT_TIME for FTPS on libcurl 7.88.1 and Curlew against the TLS vsftpd: set when the control
/// connection's TLS handshake is done (after AUTH on explicit FTPS, at connect on implicit), 0 when no TLS was made
/// (UseSsl off, or tried and refused). The values are times, so only whether each is set is compared, plus that
/// Curlew's lies within the transfer; the commands vsftpd logged (QUIT at cleanup included) must match too.
/// </summary>
[Collection("ftps")]
public sealed class FtpsAppConnectDiffTests(FtpsFixture fixture, VsftpdFixture plain, ITestOutputHelper output) : IClassFixture<VsftpdFixture>
{
    public static TheoryData<string> Names => new()
    {
        "explicit UseSsl all", "explicit UseSsl control", "explicit UseSsl try", "explicit NoBody", "implicit", "explicit server, UseSsl off",
        "plain server, UseSsl try",
    };

    private (CurlOption, object?)[] Options(string name)
    {
        int ex = fixture.Explicit.Port, im = fixture.Implicit.Port;
        (CurlOption, object?) ca = (CurlOption.CaInfo, fixture.Certificates.CaFile);
        (CurlOption, object?) resolve = (CurlOption.Resolve, new[] { $"localhost:{ex}:127.0.0.1", $"localhost:{im}:127.0.0.1" });
        string hello = $"ftp://localhost:{ex}/hello.txt";
        return name switch
        {
            "explicit UseSsl all" => [(CurlOption.Url, hello), resolve, ca, (CurlOption.UseSsl, 3L)],
            "explicit UseSsl control" => [(CurlOption.Url, hello), resolve, ca, (CurlOption.UseSsl, 2L)],
            "explicit UseSsl try" => [(CurlOption.Url, hello), resolve, ca, (CurlOption.UseSsl, 1L)],
            "explicit NoBody" => [(CurlOption.Url, hello), resolve, ca, (CurlOption.UseSsl, 3L), (CurlOption.NoBody, 1L)],
            "implicit" => [(CurlOption.Url, $"ftps://localhost:{im}/hello.txt"), resolve, ca],
            "explicit server, UseSsl off" => [(CurlOption.Url, hello), resolve, ca],
            "plain server, UseSsl try" => [(CurlOption.Url, $"ftp://127.0.0.1:{plain.Server.Port}/hello.txt"), ca, (CurlOption.UseSsl, 1L)],
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_sets_APPCONNECT_TIME_for_ftps_when_libcurl_does(string name)
    {
        SessionStep[] steps = [new(Options(name))];
        var server = name.StartsWith("implicit", StringComparison.Ordinal) ? fixture.Implicit
            : name.StartsWith("plain", StringComparison.Ordinal) ? plain.Server : fixture.Explicit;
        long mark = server.LogMark();
        var lib = FtpSessionRun.LibCurl(steps);
        var libCommands = server.SettledCommandsSince(mark);
        mark = server.LogMark();
        var mine = FtpSessionRun.Curlew(steps);
        var myCommands = server.SettledCommandsSince(mark);
        output.WriteLine($"libcurl: {lib}\n  server saw: {string.Join(", ", libCommands)}\ncurlew: {mine}\n  server saw: {string.Join(", ", myCommands)}");
        Assert.Equal(libCommands, myCommands);   // the AUTH/PBSZ/PROT dialogue and the QUIT at cleanup, over TLS too
        Assert.Equal(lib.Codes, mine.Codes);
        Assert.True((lib.AppConnectUs > 0) == (mine.AppConnectUs > 0),
            $"{name}: libcurl APPCONNECT_TIME {lib.AppConnectUs} µs, Curlew {mine.AppConnectUs} µs: set in one and not the other");
        Assert.InRange(mine.AppConnectUs, 0, mine.TotalUs);
    }
}
