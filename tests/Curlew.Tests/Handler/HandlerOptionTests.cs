using System.Net;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>The handler's Curlew options reach the transfer: proxy, Resolve, ConnectTo, client certificates, pinning, timeouts.</summary>
public sealed class HandlerOptionTests(NginxTlsFixture tlsFixture) : IClassFixture<NginxTlsFixture>, IAsyncLifetime
{
    private HandlerTestServer _server = null!;
    private readonly CallbackLedger _ledger = new();
    private NginxTlsServer Tls => tlsFixture.Server;

    public async Task InitializeAsync() => _server = await HandlerTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<(HttpStatusCode Status, string Body, HttpResponseMessage Response)> GetAsync(CurlHttpHandler handler, string url)
    {
        using var client = new HttpClient(handler.WithLedger(_ledger));
        var response = await client.GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    [Fact]
    public async Task Requests_go_through_the_configured_proxy()
    {
        await using var proxy = await TinyproxyServer.StartAsync();
        var (status, body, _) = await GetAsync(new CurlHttpHandler { Proxy = "http://" + proxy.HostPort }, _server.BaseUrl + "/echo");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("GET /echo", body);
        Assert.Contains("via: ", body);   // tinyproxy marks what it forwarded
        Assert.All(_ledger.Opens, open => Assert.Equal(proxy.Port, open.Port));
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Resolve_sends_a_made_up_name_to_the_given_address()
    {
        var (status, body, _) = await GetAsync(new CurlHttpHandler { UseProxy = false, Resolve = [$"curlew.test:{_server.Port}:127.0.0.1"] },
            $"http://curlew.test:{_server.Port}/echo");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"host: curlew.test:{_server.Port}", body);
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task ConnectTo_connects_elsewhere_and_keeps_the_host()
    {
        var (status, body, _) = await GetAsync(new CurlHttpHandler { UseProxy = false, ConnectTo = [$"elsewhere.test:80:127.0.0.1:{_server.Port}"] },
            "http://elsewhere.test/echo");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("host: elsewhere.test", body);
        Assert.All(_ledger.Opens, open => Assert.Equal(_server.Port, open.Port));
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Client_certificate_files_are_presented()
    {
        var certs = Tls.Certificates;
        var (status, _, response) = await GetAsync(new CurlHttpHandler { UseProxy = false, CaInfo = certs.CaFile, SslCert = certs.ClientCert, SslKey = certs.ClientKey },
            Tls.HttpsByName("clientcert") + "/small.txt");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Curlew", string.Join(",", response.Headers.GetValues("X-Client-DN")));
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_matching_pin_is_accepted_and_a_wrong_one_is_a_secure_connection_error()
    {
        var certs = Tls.Certificates;
        var (status, body, _) = await GetAsync(new CurlHttpHandler { UseProxy = false, CaInfo = certs.CaFile, PinnedPublicKey = "sha256//" + certs.ServerKeySha256 },
            Tls.HttpsByName("tls") + "/small.txt");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(NginxServer.SmallText, body);
        using var client = new HttpClient(new CurlHttpHandler { UseProxy = false, CaInfo = certs.CaFile, PinnedPublicKey = "sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=" }.WithLedger(_ledger));
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(Tls.HttpsByName("tls") + "/small.txt"));
        Assert.Equal(HttpRequestError.SecureConnectionError, ex.HttpRequestError);
        Assert.Equal(CurlCode.SslPinnedPubKeyNotMatch, HandlerLedger.CurlCodeOf(ex));
        client.Dispose();
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task HttpClient_timeout_while_the_body_is_read_into_a_buffer_cancels_and_closes_the_socket()
    {
        using (var client = new HttpClient(new CurlHttpHandler { UseProxy = false }.WithLedger(_ledger)) { Timeout = TimeSpan.FromMilliseconds(700) })
        {
            var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync(_server.BaseUrl + "/stall"));
            Assert.IsType<TimeoutException>(ex.InnerException);
        }
        _ledger.AssertBalanced();
    }
}
