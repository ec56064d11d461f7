using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>An HTTP redirect to ftp:// is followed by the engine into the FTP handler, as libcurl follows it.</summary>
[Collection("vsftpd")]
public sealed class FtpRedirectTests(VsftpdFixture fixture, KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task A_302_to_an_ftp_URL_downloads_the_file_from_the_FTP_server()
    {
        var to = fixture.Server.BaseUrl + "/hello.txt";
        using var t = new TestTransfer($"{kestrel.BaseUrl}/redirect/302?to={Uri.EscapeDataString(to)}");
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Equal(to, t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(226, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }

    [Fact]
    public async Task RedirProtocolsStr_without_ftp_stops_the_redirect_before_connecting()
    {
        var to = fixture.Server.BaseUrl + "/hello.txt";
        using var t = new TestTransfer($"{kestrel.BaseUrl}/redirect/302?to={Uri.EscapeDataString(to)}");
        t.Easy.FollowLocation = true;
        t.Easy.RedirProtocolsStr = "http";
        await t.PerformExpecting(CurlCode.UnsupportedProtocol);
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }
}
