using Curlew.Tests.Servers;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// An HTTP redirect to an ftp:// URL of another host, with UserPwd set for the first host, on libcurl 7.88.1 and
/// Curlew: the FTP login is anonymous unless UnrestrictedAuth lets the credentials follow (then vsftpd, anonymous
/// only, refuses "bob": 67); a Location with its own user logs in as that user (refused too). vsftpd's log shows which USER came.
/// </summary>
[Collection("vsftpd")]
public sealed class FtpRedirectCredentialsDiffTests(VsftpdFixture fixture, KestrelFixture kestrel, ITestOutputHelper output)
    : IClassFixture<KestrelFixture>
{
    public static TheoryData<string> Names => new()
    {
        "UserPwd stays with the first host", "UnrestrictedAuth takes UserPwd along", "Location with its own user",
        "UserPwd on the ftp URL itself",
    };

    private (CurlOption, object?)[] Options(string name)
    {
        string hello = fixture.Server.BaseUrl + "/hello.txt";
        string Redirect(string to) => $"{kestrel.BaseUrl}/redirect/302?to={Uri.EscapeDataString(to)}";
        (CurlOption, object?) follow = (CurlOption.FollowLocation, 1L), userPwd = (CurlOption.UserPwd, "bob:secret");
        return name switch
        {
            "UserPwd stays with the first host" => [(CurlOption.Url, Redirect(hello)), follow, userPwd],
            "UnrestrictedAuth takes UserPwd along" => [(CurlOption.Url, Redirect(hello)), follow, userPwd, (CurlOption.UnrestrictedAuth, 1L)],
            "Location with its own user" => [(CurlOption.Url, Redirect(hello.Replace("ftp://", "ftp://carol:pw@"))), follow, userPwd],
            "UserPwd on the ftp URL itself" => [(CurlOption.Url, hello), userPwd],
            _ => throw new ArgumentException(name),
        };
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_sends_ftp_credentials_after_a_redirect_where_libcurl_does(string name)
    {
        SessionStep[] steps = [new(Options(name))];
        long mark = fixture.Server.LogMark();
        var lib = FtpSessionRun.LibCurl(steps);
        var libUsers = fixture.Server.SettledCommandsSince(mark).Where(c => c.StartsWith("USER ", StringComparison.Ordinal)).ToList();
        mark = fixture.Server.LogMark();
        var mine = FtpSessionRun.Curlew(steps);
        var myUsers = fixture.Server.SettledCommandsSince(mark).Where(c => c.StartsWith("USER ", StringComparison.Ordinal)).ToList();
        output.WriteLine($"libcurl: {lib}\n  users: {string.Join(", ", libUsers)}\ncurlew: {mine}\n  users: {string.Join(", ", myUsers)}");
        Assert.Equal(lib.Codes, mine.Codes);
        Assert.True(lib.Body.AsSpan().SequenceEqual(mine.Body), $"{name}: bodies differ");
        Assert.Equal(libUsers, myUsers);
        Assert.Equal(lib.ResponseCode, mine.ResponseCode);
    }
}
