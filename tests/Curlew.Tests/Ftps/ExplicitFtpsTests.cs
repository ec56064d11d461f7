using Curlew.Tests.Ftp;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftps;

/// <summary>Explicit FTPS (UseSsl on ftp://) against vsftpd with require_ssl_reuse=YES: control and data both TLS.</summary>
[Collection("ftps")]
public sealed class ExplicitFtpsTests(FtpsFixture fixture)
{
    private TestTransfer Transfer(string path, long useSsl = 3)
    {
        // By name: .NET resumes TLS sessions from a cache keyed by host name, never for an IP address.
        var t = new TestTransfer($"ftp://localhost:{fixture.Explicit.Port}{path}");
        t.Easy.Resolve = [$"localhost:{fixture.Explicit.Port}:127.0.0.1"];
        t.Easy.UseSsl = useSsl;
        t.Easy.CaInfo = fixture.Certificates.CaFile;
        return t;
    }

    [Fact]
    public async Task UseSsl_all_downloads_in_passive_mode_over_TLS_with_the_data_session_resumed()
    {
        using var t = Transfer("/big.bin");
        var log = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(VsftpdServer.BigSize), t.Capture.Body);
        Assert.StartsWith("AUTH SSL\r\n", log.Text);
        Assert.Contains("PBSZ 0\r\nPROT P\r\n", log.Text);
        Assert.Equal(2, t.Ledger.Opens.Count);
        Assert.Equal(1, t.Ledger.OpenCount);   // the data socket closed; the control connection stays pooled
        t.Finish();
    }
}
