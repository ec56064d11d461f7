using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Tls;

/// <summary>HTTPS against nginx with certificates made for the run: verification on by default, the CA options, SNI/ALPN.</summary>
[Collection("nginx-tls")]
public sealed class HttpsNginxTests(NginxTlsFixture fixture)
{
    private NginxTlsServer Server => fixture.Server;

    private TestTransfer Transfer(string url, bool trustCa = true)
    {
        var t = new TestTransfer(url);
        if (trustCa) t.Easy.CaInfo = Server.Certificates.CaFile;
        return t;
    }

    [Fact]
    public async Task A_file_over_https_with_CaInfo_arrives_and_the_connection_is_kept()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.SslVerifyResult));
        Assert.True(t.Easy.GetInfoLong(CurlInfo.AppConnectTimeT) > 0, "the TLS handshake time was not recorded");
        t.Capture.Clear();
        await t.PerformOk();
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    [Fact]
    public async Task A_4_MiB_file_over_https_arrives_byte_for_byte()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task A_connection_that_carried_a_4_MiB_body_is_reused_for_the_next_transfer()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        await t.PerformOk();
        await t.PerformOk();
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    // PerformAsync of big.bin, which must succeed and deliver the whole file.
    private static async Task FetchBigAsync(TestTransfer t)
    {
        t.Capture.Clear();
        var code = await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger);
        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), t.Capture.Body);
    }

    [Fact]
    public async Task PerformAsync_fetches_a_file_over_https()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        await FetchBigAsync(t);
        t.Finish();
    }

    [Fact]
    public async Task PerformAsync_reads_a_long_body_ahead_and_the_connection_is_reused_by_async_and_sync_transfers()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        await FetchBigAsync(t);
        await FetchBigAsync(t);
        t.Capture.Clear();
        await t.PerformOk();   // a synchronous transfer on the connection the asynchronous ones read ahead on
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), t.Capture.Body);
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    [Fact]
    public async Task A_long_body_abandoned_mid_way_by_PerformAsync_closes_its_connection_and_the_next_transfer_opens_a_new_one()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        long seen = 0;
        t.Easy.WriteFunction = (data, _) => (seen += data.Length) > 1024 * 1024 ? 0 : data.Length;   // stop after 1 MiB
        var code = await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger);
        Assert.Equal(CurlCode.WriteError, code);
        Assert.Single(t.Ledger.Closes);   // the half-read connection (and what it had read ahead) is gone
        t.Capture.Install(t.Easy);
        await FetchBigAsync(t);
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal(2, t.Ledger.Opens.Count);
        t.Finish();
    }

    [Fact]
    public async Task A_host_name_url_sends_SNI_and_verifies_the_DNS_name()
    {
        using var t = Transfer(Server.HttpsByName("tls") + "/small.txt");
        t.Easy.Resolve = ["localhost:" + Server.Nginx.Ports["tls"] + ":127.0.0.1"];
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Without_CaInfo_the_private_CA_is_not_trusted_and_the_result_is_60()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt", trustCa: false);
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        Assert.Equal("SSL certificate problem: unable to get local issuer certificate", t.Easy.ErrorMessage);
        Assert.Equal(20, t.Easy.GetInfoLong(CurlInfo.SslVerifyResult));
        t.Finish();
    }

    [Fact]
    public async Task CaPath_trusts_the_CA_certificates_in_a_directory()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt", trustCa: false);
        t.Easy.CaPath = Server.Certificates.CaDirectory;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_CaInfo_of_another_CA_fails_verification_with_60()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt", trustCa: false);
        t.Easy.CaInfo = Server.Certificates.OtherCaFile;
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        t.Finish();
    }

    [Fact]
    public async Task A_CaInfo_file_that_does_not_exist_is_77_and_no_byte_of_TLS_is_sent()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt", trustCa: false);
        t.Easy.CaInfo = Path.Combine(Server.Certificates.Directory, "missing.pem");
        await t.PerformExpecting(CurlCode.SslCaCertBadFile);
        Assert.Contains("missing.pem", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task A_wrong_host_certificate_is_60_naming_the_host()
    {
        using var t = Transfer(Server.Https("wronghost") + "/small.txt");
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        Assert.Equal("SSL: no alternative certificate subject name matches target host name '127.0.0.1'", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task SslVerifyHost_0_accepts_a_wrong_host_certificate_from_a_trusted_CA()
    {
        using var t = Transfer(Server.Https("wronghost") + "/small.txt");
        t.Easy.SslVerifyHost = 0;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task An_expired_certificate_is_60_certificate_has_expired()
    {
        using var t = Transfer(Server.Https("expired") + "/small.txt");
        await t.PerformExpecting(CurlCode.PeerFailedVerification);
        Assert.Equal("SSL certificate problem: certificate has expired", t.Easy.ErrorMessage);
        Assert.Equal(10, t.Easy.GetInfoLong(CurlInfo.SslVerifyResult));
        t.Finish();
    }

    [Fact]
    public async Task SslVerifyPeer_0_accepts_an_untrusted_certificate_and_still_reports_the_verify_result()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt", trustCa: false);
        t.Easy.SslVerifyPeer = false;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Equal(20, t.Easy.GetInfoLong(CurlInfo.SslVerifyResult));
        t.Finish();
    }

    [Fact]
    public async Task A_connection_made_with_verification_off_is_not_reused_by_a_transfer_that_verifies()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        t.Easy.SslVerifyPeer = false;
        await t.PerformOk();
        t.Easy.SslVerifyPeer = true;
        await t.PerformOk();
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal(2, t.Ledger.Opens.Count);
        t.Finish();
    }
}
