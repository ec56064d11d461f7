using Curlew.Tests.Ftp;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftps;

/// <summary>Explicit FTPS (UseSsl on ftp://) against vsftpd: control and data both TLS.</summary>
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
    public async Task UseSsl_all_downloads_in_passive_mode_over_TLS()
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

    [Fact]
    public async Task UseSsl_all_lists_a_directory_over_TLS()
    {
        using var t = Transfer("/pub/");
        await t.PerformOk();
        Assert.Contains("a.txt", t.Capture.Text);
        Assert.Equal(1, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task UseSsl_all_downloads_in_active_mode_with_TLS_on_the_accepted_data_connection()
    {
        using var t = Transfer("/hello.txt");
        t.Easy.FtpPort = "127.0.0.1";
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Equal(1, t.Ledger.OpenCount);   // the listener closed; only the pooled control connection is open
        t.Finish();
    }

    [Fact]
    public async Task UseSsl_control_sends_PROT_C_and_the_data_goes_in_clear()
    {
        using var t = Transfer("/hello.txt", useSsl: 2);
        var log = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Contains("PBSZ 0\r\nPROT C\r\n", log.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_server_certificate_from_an_untrusted_CA_fails_the_upgrade_with_60_and_closes_the_socket_once()
    {
        using var t = Transfer("/hello.txt");
        t.Easy.CaInfo = fixture.Certificates.OtherCaFile;
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        Assert.Single(t.Ledger.Opens);
        Assert.Equal(0, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task A_clear_control_connection_is_not_reused_for_an_FTPS_transfer_nor_the_other_way()
    {
        using var t = Transfer("/hello.txt", useSsl: 0);
        await t.PerformOk();
        t.Easy.UseSsl = 3;
        t.Capture.Clear();
        await t.PerformOk();
        t.Easy.UseSsl = 0;
        t.Capture.Clear();
        await t.PerformOk();   // back to the first, clear control connection
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Equal(2, t.Ledger.Opens.Count(o => o.Port == fixture.Explicit.Port));
        Assert.Equal(2, t.Ledger.OpenCount);   // both control connections pooled
        t.Finish();
    }

    [Fact]
    public async Task UseSsl_all_uploads_over_TLS()
    {
        var data = KestrelTestServer.Pattern(200_000);
        using var t = Transfer("/upload/ftps-stor.bin");
        t.Easy.Upload = true;
        int offset = 0;
        t.Easy.ReadFunction = (buffer, _) =>
        {
            int n = Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        };
        await t.PerformOk();
        Assert.Equal(data, await File.ReadAllBytesAsync(Path.Combine(fixture.Explicit.UploadDir, "ftps-stor.bin")));
        Assert.Equal(1, t.Ledger.OpenCount);
        t.Finish();
    }
}
