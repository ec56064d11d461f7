using Curlew.Tests.Ftp;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftps;

/// <summary>Implicit FTPS (ftps://): TLS from the first byte, then PBSZ 0 and PROT P, without AUTH.</summary>
[Collection("ftps")]
public sealed class ImplicitFtpsTests(FtpsFixture fixture)
{
    private TestTransfer Transfer(string path)
    {
        var t = new TestTransfer($"ftps://localhost:{fixture.Implicit.Port}{path}");
        t.Easy.Resolve = [$"localhost:{fixture.Implicit.Port}:127.0.0.1"];
        t.Easy.CaInfo = fixture.Certificates.CaFile;
        return t;
    }

    [Fact]
    public async Task An_ftps_URL_downloads_over_TLS_without_AUTH()
    {
        using var t = Transfer("/big.bin");
        var log = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(VsftpdServer.BigSize), t.Capture.Body);
        Assert.DoesNotContain("AUTH", log.Text);
        Assert.StartsWith("USER anonymous\r\n", log.Text);
        Assert.Contains("PBSZ 0\r\nPROT P\r\n", log.Text);
        Assert.Equal(2, t.Ledger.Opens.Count);
        Assert.Equal(1, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task An_untrusted_certificate_on_an_ftps_URL_is_60()
    {
        using var t = Transfer("/hello.txt");
        t.Easy.CaInfo = fixture.Certificates.OtherCaFile;
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        Assert.Equal(0, t.Ledger.OpenCount);
        t.Finish();
    }
}
