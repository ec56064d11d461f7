using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>HTTPS through nginx with the run's test CA: SocketsHttpHandler (trusting that CA) and CurlHttpHandler (CaInfo) agree.</summary>
public sealed class HandlerTlsDiffTests(NginxTlsFixture fixture) : IClassFixture<NginxTlsFixture>
{
    private NginxTlsServer Server => fixture.Server;

    [Theory]
    [InlineData("/small.txt")]
    [InlineData("/big.bin")]
    [InlineData("/missing")]
    public async Task Https_with_the_test_CA_answers_like_SocketsHttpHandler(string path)
    {
        var ca = X509Certificate2.CreateFromPem(File.ReadAllText(Server.Certificates.CaFile));
        var sockets = new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { ca }, RevocationMode = X509RevocationMode.NoCheck },
            },
        };
        var ledger = new CallbackLedger();
        var curl = new CurlHttpHandler { UseProxy = false, CaInfo = Server.Certificates.CaFile }.WithLedger(ledger);
        var url = Server.HttpsByName("tls") + path;
        Assert.Equal(await DescribeAsync(sockets, url), await DescribeAsync(curl, url));
        ledger.AssertBalanced();
        Assert.NotEmpty(ledger.Opens);
    }

    private static async Task<string> DescribeAsync(HttpMessageHandler handler, string url)
    {
        using var client = new HttpClient(handler);
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        var headers = response.Headers.Concat(response.Content.Headers)
            // X-Alpn differs by design: curl offers ALPN "http/1.1", SocketsHttpHandler offers none for an HTTP/1.1 request.
            .Where(h => h.Key is not ("Date" or "X-Session-Reused" or "X-Alpn"))
            .OrderBy(h => h.Key).Select(h => $"{h.Key}: {string.Join(", ", h.Value)}");
        return $"{(int)response.StatusCode} {response.ReasonPhrase}\n{string.Join("\n", headers)}\n{body.Length} {Convert.ToHexString(SHA256.HashData(body))}";
    }
}
