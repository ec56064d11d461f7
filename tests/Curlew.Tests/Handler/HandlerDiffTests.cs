using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>
/// The same request through HttpClient + SocketsHttpHandler and HttpClient + CurlHttpHandler against the same Kestrel
/// app: status, reason, version, response and content headers (Date left out), body bytes, trailers, the final request
/// URI, how a failure looks, and what the server received (method, target, headers, body) must all be the same.
/// </summary>
public sealed class HandlerDiffTests : IAsyncLifetime
{
    private HandlerTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HandlerTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [MemberData(nameof(HandlerDiffCases.Names), MemberType = typeof(HandlerDiffCases))]
    public async Task Curl_handler_answers_like_SocketsHttpHandler(string name)
    {
        var diffCase = HandlerDiffCases.All.Single(c => c.Name == name);
        var sockets = new SocketsHttpHandler
        {
            UseProxy = false, UseCookies = false, AllowAutoRedirect = diffCase.AllowAutoRedirect, MaxAutomaticRedirections = diffCase.MaxRedirects,
        };
        var curl = new CurlHttpHandler { UseProxy = false, AllowAutoRedirect = diffCase.AllowAutoRedirect, MaxAutomaticRedirections = diffCase.MaxRedirects };
        var expected = await RunAsync(sockets, diffCase, "sockets-" + name);
        var actual = await RunAsync(curl, diffCase, "curl-" + name);
        Assert.True(expected == actual, $"The handlers differ.\n--- SocketsHttpHandler ---\n{expected}--- CurlHttpHandler ---\n{actual}");
    }

    private async Task<string> RunAsync(HttpMessageHandler handler, HandlerDiffCase diffCase, string caseId)
    {
        var text = new StringBuilder();
        using (var client = new HttpClient(handler) { BaseAddress = new Uri(_server.BaseUrl), Timeout = TimeSpan.FromSeconds(60) })
        {
            var request = diffCase.Make(caseId);
            request.Headers.TryAddWithoutValidation("X-Case", caseId);
            try
            {
                using var response = await client.SendAsync(request, diffCase.Completion);
                Describe(text, response);
                var stream = await response.Content.ReadAsStreamAsync();
                var body = new MemoryStream();
                await stream.CopyToAsync(body);
                text.Append("body: ").Append(body.Length).Append(" bytes, sha256 ").Append(Convert.ToHexString(SHA256.HashData(body.ToArray()))).Append('\n');
                if (body.Length < 2000) text.Append(Encoding.UTF8.GetString(body.ToArray())).Append('\n');
                foreach (var trailer in response.TrailingHeaders.OrderBy(h => h.Key))
                    text.Append("trailer ").Append(trailer.Key).Append(": ").Append(string.Join(", ", trailer.Value)).Append('\n');
                text.Append("final request: ").Append(response.RequestMessage?.Method).Append(' ').Append(response.RequestMessage?.RequestUri?.PathAndQuery).Append('\n');
            }
            catch (Exception ex)
            {
                text.Append("threw ").Append(ex.GetType().Name);
                if (ex is HttpRequestException hre) text.Append(' ').Append(hre.HttpRequestError);
                text.Append('\n');
            }
        }
        foreach (var received in _server.Received(caseId))
            text.Append("server got ").Append(received.Method).Append(' ').Append(received.PathAndQuery).Append('\n').Append(received.Headers)
                .Append("body ").Append(received.BodyLength).Append(' ').Append(received.BodySha256).Append('\n');
        return text.ToString().Replace(caseId, "<case>");
    }

    private static void Describe(StringBuilder text, HttpResponseMessage response)
    {
        text.Append((int)response.StatusCode).Append(' ').Append(response.ReasonPhrase).Append(" HTTP/").Append(response.Version).Append('\n');
        AppendHeaders(text, "header", response.Headers);
        AppendHeaders(text, "content header", response.Content.Headers);
    }

    private static void AppendHeaders(StringBuilder text, string kind, HttpHeaders headers)
    {
        foreach (var header in headers.NonValidated.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (header.Key.Equals("Date", StringComparison.OrdinalIgnoreCase)) continue;
            text.Append(kind).Append(' ').Append(header.Key.ToLowerInvariant()).Append(": ").Append(string.Join(" | ", header.Value)).Append('\n');
        }
    }
}
