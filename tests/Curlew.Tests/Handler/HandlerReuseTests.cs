using System.Net;
using System.Text;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>
/// A pooled handle keeps its options between plain GETs (only URL and header lines are set again), and is reset after
/// anything else: whichever way it goes, a request never carries a header, credentials, body, method or content
/// header of the request before it on the same handle. One handle per server (MaxConnectionsPerServer = 1) and one
/// connection prove it is the same handle each time.
/// </summary>
public sealed class HandlerReuseTests : IAsyncLifetime
{
    private HandlerTestServer _server = null!;
    private readonly CallbackLedger _ledger = new();

    public async Task InitializeAsync() => _server = await HandlerTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string BasicOf(string userPassword) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userPassword));

    private HttpClient Client()
    {
        // Credentials only under /status/ (CredentialCache matches up to the prefix's last '/'): /echo has none to send.
        var credentials = new CredentialCache { { new Uri(_server.BaseUrl + "/status/"), "Basic", new NetworkCredential("ann", "secret") } };
        var handler = new CurlHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1, Credentials = credentials, PreAuthenticate = true };
        return new HttpClient(handler.WithLedger(_ledger)) { BaseAddress = new Uri(_server.BaseUrl) };
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string caseId)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("X-Case", caseId);
        return request;
    }

    private async Task SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task A_request_on_a_reused_handle_carries_nothing_of_the_previous_one()
    {
        using (var client = Client())
        {
            // A plain GET with a header and the handler's credentials, then plain GETs without either.
            var a1 = Request(HttpMethod.Get, "/status/200", "a1");
            a1.Headers.TryAddWithoutValidation("X-Secret", "from-a1");
            await SendAsync(client, a1);
            await SendAsync(client, Request(HttpMethod.Get, "/echo", "b1"));
            await SendAsync(client, Request(HttpMethod.Get, "/echo", "c1"));
            // Plain GETs on a handle kept as it was: one with a header, the next without it.
            var d1 = Request(HttpMethod.Get, "/echo", "d1");
            d1.Headers.TryAddWithoutValidation("X-Secret", "from-d1");
            await SendAsync(client, d1);
            await SendAsync(client, Request(HttpMethod.Get, "/echo", "e1"));

            // A POST with a body, a content type, a header and an Authorization header, then plain GETs without them.
            var a2 = Request(HttpMethod.Post, "/echo", "a2");
            a2.Headers.TryAddWithoutValidation("X-Secret", "from-a2");
            a2.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "a2-token");
            a2.Content = new StringContent("secret body", Encoding.UTF8, "application/x-secret");
            await SendAsync(client, a2);
            await SendAsync(client, Request(HttpMethod.Get, "/echo", "b2"));
            await SendAsync(client, Request(HttpMethod.Get, "/echo", "c2"));

            Assert.Single(_ledger.Opens);
            Assert.Equal(1, _server.ConnectionCount);
        }
        _ledger.AssertBalanced();

        var a1Got = Assert.Single(_server.Received("a1"));
        Assert.Contains("x-secret: from-a1", a1Got.Headers);
        Assert.Contains("authorization: " + BasicOf("ann:secret"), a1Got.Headers);
        Assert.Contains("x-secret: from-d1", Assert.Single(_server.Received("d1")).Headers);
        var a2Got = Assert.Single(_server.Received("a2"));
        Assert.Equal("POST", a2Got.Method);
        Assert.Equal(11, a2Got.BodyLength);
        Assert.Contains("content-type: application/x-secret", a2Got.Headers);
        Assert.Contains("authorization: Bearer a2-token", a2Got.Headers);

        foreach (var caseId in new[] { "b1", "c1", "e1", "b2", "c2" })
        {
            var got = Assert.Single(_server.Received(caseId));
            Assert.Equal("GET", got.Method);
            Assert.Equal("/echo", got.PathAndQuery);
            Assert.Equal(0, got.BodyLength);
            foreach (var name in new[] { "x-secret", "authorization", "content-type", "content-length" })
                Assert.False(got.Headers.Contains(name, StringComparison.Ordinal), $"{caseId} sent {name}: {got.Headers}");
        }
    }

    [Fact]
    public async Task Each_response_on_a_reused_handle_has_its_own_header_values()
    {
        // The handle keeps the last value of each common header to reuse an equal one: a changed value, even of the
        // same length, must still come through as sent.
        using (var client = Client())
        {
            foreach (var tag in new[] { "aaaa", "aaaa", "aaab", "baaa", "aaaa", "zz" })
            {
                using var response = await client.GetAsync($"/tagged/{tag}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal($"\"{tag}\"", response.Headers.ETag?.Tag);
                Assert.Equal($"max-age={tag.Length}, {tag}", response.Headers.CacheControl?.ToString());
                Assert.Equal($"text/{tag}", response.Content.Headers.ContentType?.MediaType);
                Assert.Equal(tag, await response.Content.ReadAsStringAsync());
            }
            Assert.Single(_ledger.Opens);   // all on one connection and handle
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_failed_request_leaves_nothing_for_the_next_on_its_handle()
    {
        using (var client = Client())
        {
            // A header value that cannot go on the wire fails after the handle was taken (on the keep-options path,
            // since the first GET left the handle ready for plain ones); the next request is sent without its headers.
            await SendAsync(client, Request(HttpMethod.Get, "/status/200", "warm"));
            var bad = Request(HttpMethod.Get, "/status/200", "bad");
            bad.Headers.TryAddWithoutValidation("X-Secret", "kept?");
            bad.Headers.TryAddWithoutValidation("X-Bad", "line\u00e9");
            await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(bad));
            await SendAsync(client, Request(HttpMethod.Get, "/status/200", "after"));
            Assert.Single(_ledger.Opens);
        }
        _ledger.AssertBalanced();
        Assert.Empty(_server.Received("bad"));
        Assert.DoesNotContain("x-secret", Assert.Single(_server.Received("after")).Headers);
    }
}
