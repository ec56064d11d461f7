using Curlew.Tests.Ftp;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftps;

/// <summary>A server without TLS (the plain vsftpd refuses AUTH): UseSsl 3 fails with 64, UseSsl 1 carries on in clear.</summary>
[Collection("vsftpd")]
public sealed class FtpsRefusedTests(VsftpdFixture fixture)
{
    [Fact]
    public async Task UseSsl_all_against_a_server_refusing_AUTH_is_UseSslFailed_and_the_socket_closes_once()
    {
        using var t = new TestTransfer(fixture.Server.BaseUrl + "/hello.txt");
        t.Easy.UseSsl = 3;
        var log = FtpCommandLog.Install(t.Easy);
        await t.PerformExpecting(CurlCode.UseSslFailed);
        Assert.Equal("AUTH SSL\r\nAUTH TLS\r\n", log.Text);   // both tried, nothing else said
        Assert.Single(t.Ledger.Opens);
        Assert.Equal(0, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task UseSsl_try_against_a_server_refusing_AUTH_transfers_in_clear()
    {
        using var t = new TestTransfer(fixture.Server.BaseUrl + "/hello.txt");
        t.Easy.UseSsl = 1;
        var log = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.StartsWith("AUTH SSL\r\nAUTH TLS\r\nUSER anonymous\r\n", log.Text);
        Assert.DoesNotContain("PROT", log.Text);
        Assert.Equal(1, t.Ledger.OpenCount);
        t.Finish();
    }
}
