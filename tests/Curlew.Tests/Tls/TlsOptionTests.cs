using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Tls;

/// <summary>The TLS options against nginx: SNI and ALPN, versions, client certificates, pinning, the verbose lines, sessions.</summary>
[Collection("nginx-tls")]
public sealed class TlsOptionTests(NginxTlsFixture fixture)
{
    private NginxTlsServer Server => fixture.Server;
    private TestCertificates Certs => Server.Certificates;

    private TestTransfer Transfer(string url)
    {
        var t = new TestTransfer(url);
        t.Easy.CaInfo = Certs.CaFile;
        return t;
    }

    [Fact]
    public async Task SNI_carries_a_host_name_and_ALPN_agrees_on_http_1_1()
    {
        using var t = Transfer(Server.HttpsByName("tls") + "/small.txt");
        t.Easy.Resolve = ["localhost:" + Server.Nginx.Ports["tls"] + ":127.0.0.1"];
        await t.PerformOk();
        Assert.Equal("localhost", t.Capture.Header("X-Sni"));
        Assert.Equal("http/1.1", t.Capture.Header("X-Alpn"));
        t.Finish();
    }

    [Fact]
    public async Task No_SNI_is_sent_for_an_IP_literal_as_curl()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        await t.PerformOk();
        Assert.Null(t.Capture.Header("X-Sni"));   // nginx leaves an empty header out
        t.Finish();
    }

    [Theory]
    [InlineData("tls12", "TLSv1.2")]
    [InlineData("tls13", "TLSv1.3")]
    public async Task A_single_version_server_is_reached_with_the_default_SslVersion(string server, string version)
    {
        using var t = Transfer(Server.Https(server) + "/small.txt");
        await t.PerformOk();
        Assert.Equal(version, t.Capture.Header("X-Tls"));
        t.Finish();
    }

    [Fact]
    public async Task SslVersion_max_TLS_1_2_against_a_TLS_1_3_only_server_fails_the_handshake_with_35()
    {
        using var t = Transfer(Server.Https("tls13") + "/small.txt");
        t.Easy.SslVersion = 6 | (6L << 16);   // CURL_SSLVERSION_TLSv1_2 | CURL_SSLVERSION_MAX_TLSv1_2
        await t.PerformExpecting(CurlCode.SslConnectError);
        t.Finish();
    }

    [Fact]
    public async Task SslVersion_min_TLS_1_3_against_a_TLS_1_2_only_server_fails_the_handshake_with_35()
    {
        using var t = Transfer(Server.Https("tls12") + "/small.txt");
        t.Easy.SslVersion = 7;   // CURL_SSLVERSION_TLSv1_3
        await t.PerformExpecting(CurlCode.SslConnectError);
        t.Finish();
    }

    [Fact]
    public async Task SslVersion_min_TLS_1_3_is_honoured_against_a_server_offering_both()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        t.Easy.SslVersion = 7;
        await t.PerformOk();
        Assert.Equal("TLSv1.3", t.Capture.Header("X-Tls"));
        t.Finish();
    }

    [Fact]
    public async Task A_server_requiring_a_client_certificate_answers_400_without_one()
    {
        using var t = Transfer(Server.Https("clientcert") + "/small.txt");
        await t.PerformOk();
        Assert.Equal(400, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }

    [Theory]
    [InlineData("PEM", false)]
    [InlineData("PEM", true)]
    [InlineData("DER", false)]
    [InlineData("P12", false)]
    public async Task A_client_certificate_is_presented_in_each_format(string type, bool encryptedKey)
    {
        using var t = Transfer(Server.Https("clientcert") + "/small.txt");
        t.Easy.SslCertType = type;
        switch (type)
        {
            case "PEM":
                t.Easy.SslCert = Certs.ClientCert;
                t.Easy.SslKey = encryptedKey ? Certs.ClientKeyEncrypted : Certs.ClientKey;
                if (encryptedKey) t.Easy.KeyPasswd = TestCertificates.ClientPassword;
                break;
            case "DER":
                t.Easy.SslCert = Certs.ClientDer;
                t.Easy.SslKey = Certs.ClientKey;
                break;
            default:
                t.Easy.SslCert = Certs.ClientP12;
                t.Easy.KeyPasswd = TestCertificates.ClientPassword;
                break;
        }
        await t.PerformOk();
        Assert.Equal(200, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Contains("CN=curlew-client", t.Capture.Header("X-Client-DN"));
        t.Finish();
    }

    [Fact]
    public async Task A_client_certificate_file_that_is_not_there_is_58()
    {
        using var t = Transfer(Server.Https("clientcert") + "/small.txt");
        t.Easy.SslCert = Path.Combine(Certs.Directory, "nobody.pem");
        await t.PerformExpecting(CurlCode.SslCertProblem);
        t.Finish();
    }

    [Fact]
    public async Task An_encrypted_client_key_with_the_wrong_password_is_58()
    {
        using var t = Transfer(Server.Https("clientcert") + "/small.txt");
        t.Easy.SslCert = Certs.ClientCert;
        t.Easy.SslKey = Certs.ClientKeyEncrypted;
        t.Easy.KeyPasswd = "wrong";
        await t.PerformExpecting(CurlCode.SslCertProblem);
        t.Finish();
    }

    [Fact]
    public async Task A_matching_sha256_pin_passes_and_a_wrong_one_is_90()
    {
        using (var t = Transfer(Server.Https("tls") + "/small.txt"))
        {
            t.Easy.PinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=;sha256//" + Certs.ServerKeySha256;
            await t.PerformOk();
            t.Finish();
        }
        using (var t = Transfer(Server.Https("tls") + "/small.txt"))
        {
            t.Easy.PinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
            await t.PerformExpecting(CurlCode.SslPinnedPubKeyNotMatch);
            Assert.Equal("SSL: public key does not match pinned public key", t.Easy.ErrorMessage);
            t.Finish();
        }
    }

    [Fact]
    public async Task A_pin_given_as_a_public_key_file_passes_and_is_checked_even_with_verification_off()
    {
        using (var t = Transfer(Server.Https("tls") + "/small.txt"))
        {
            t.Easy.PinnedPublicKey = Certs.ServerPublicKeyFile;
            await t.PerformOk();
            t.Finish();
        }
        using (var t = Transfer(Server.Https("wronghost") + "/small.txt"))
        {
            t.Easy.SslVerifyPeer = false;
            t.Easy.SslVerifyHost = 0;
            t.Easy.PinnedPublicKey = Certs.ServerPublicKeyFile;   // the wrong-host server has another key
            await t.PerformExpecting(CurlCode.SslPinnedPubKeyNotMatch);
            t.Finish();
        }
    }

    [Fact]
    public async Task The_verbose_trace_shows_the_TLS_version_cipher_and_certificate_like_curl()
    {
        using var t = Transfer(Server.Https("tls13") + "/small.txt");
        var trace = new StringWriter();
        t.Easy.Verbose = true;
        t.Easy.Stderr = trace;
        await t.PerformOk();
        var text = trace.ToString();
        Assert.Contains("* ALPN: offers http/1.1", text);
        Assert.Contains("* SSL connection using TLSv1.3 / TLS_", text);
        Assert.Contains("* ALPN: server accepted http/1.1", text);
        Assert.Contains("* Server certificate:", text);
        Assert.Contains("*  subject: O=Curlew tests; CN=localhost", text);
        Assert.Contains("*  issuer: O=Curlew; CN=Curlew Test CA", text);
        Assert.Matches(@"\*  start date: [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4} GMT", text);
        Assert.Contains("*  expire date: ", text);
        Assert.Contains("*  subjectAltName: host \"127.0.0.1\" matched cert's IP address!", text);
        Assert.Contains("*  SSL certificate verify ok.", text);
        t.Finish();
    }

    [Fact]
    public async Task A_TLS_session_is_resumed_by_the_next_connection_of_the_handle()
    {
        using var t = Transfer(Server.HttpsByName("tls") + "/small.txt");
        t.Easy.Resolve = ["localhost:" + Server.Nginx.Ports["tls"] + ":127.0.0.1"];
        t.Easy.ForbidReuse = true;   // every transfer makes a new connection
        await t.PerformOk();   // the first may already resume: .NET keeps sessions process-wide, per host name
        t.Capture.Clear();
        await t.PerformOk();
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal("r", t.Capture.Header("X-Session-Reused"));
        t.Finish();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task With_SslSessionIdCache_off_every_connection_makes_a_full_handshake(bool synchronous)
    {
        using var t = Transfer(Server.HttpsByName("tls") + "/small.txt");
        t.Easy.Resolve = ["localhost:" + Server.Nginx.Ports["tls"] + ":127.0.0.1"];
        t.Easy.ForbidReuse = true;
        await t.PerformOk();   // leaves a session behind in the process-wide cache (as the test above shows)
        t.Easy.SslSessionIdCache = false;
        for (int i = 0; i < 2; i++)
        {
            t.Capture.Clear();
            var code = synchronous ? await t.Perform() : await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger);
            Run.AssertOk(code, t.Easy, t.Ledger);
            Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.NumConnects));
            Assert.Equal(".", t.Capture.Header("X-Session-Reused"));   // nginx's $ssl_session_reused: "." for a full handshake
        }
        t.Easy.SslSessionIdCache = true;   // and back on, the kept session is offered again
        t.Capture.Clear();
        await t.PerformOk();
        Assert.Equal("r", t.Capture.Header("X-Session-Reused"));
        t.Finish();
    }
}
