using System.Net;
using System.Text;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>
/// CurlHttpHandler's own promises: connection reuse through pooled handles, the per-server connection bound under
/// parallel load, streaming (the response comes back before the body is sent), settings frozen by the first request,
/// HTTP version rules, header injection refused, what is not built, and the synchronous Send.
/// </summary>
public sealed class HandlerBehaviourTests : IAsyncLifetime
{
    private HandlerTestServer _server = null!;
    private readonly CallbackLedger _ledger = new();

    public async Task InitializeAsync() => _server = await HandlerTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client(CurlHttpHandler? handler = null) =>
        new((handler ?? new CurlHttpHandler { UseProxy = false }).WithLedger(_ledger)) { BaseAddress = new Uri(_server.BaseUrl) };

    [Fact]
    public async Task Ten_sequential_requests_use_one_connection()
    {
        using (var client = Client())
        {
            for (int i = 0; i < 10; i++) Assert.StartsWith("GET /echo", await client.GetStringAsync("/echo"));
            Assert.Single(_ledger.Opens);
            Assert.Equal(1, _server.ConnectionCount);
        }
        _ledger.AssertBalanced();
    }

    [Theory]
    [InlineData(64 * 1024)]          // more than the hand-over copies ahead: the response is returned at its head
    [InlineData(4 * 1024 * 1024)]    // streamed through the pipe in many pieces
    public async Task Sequential_requests_whose_bodies_were_read_to_the_end_reuse_the_connection(int size)
    {
        // The connection goes back to the pool before the body's end is reported (as SocketsHttpHandler does), so a
        // caller that sends its next request the moment it has read the last byte finds it idle. (The race this
        // order closes is a few microseconds wide: this test shows reuse holds, it rarely catches the old order.)
        using (var client = Client())
        {
            for (int i = 0; i < 5; i++) Assert.Equal(size, (await client.GetByteArrayAsync($"/bytes/{size}")).Length);
            Assert.Single(_ledger.Opens);
            Assert.Equal(1, _server.ConnectionCount);
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Fifty_parallel_requests_all_succeed_within_MaxConnectionsPerServer()
    {
        const int limit = 4;
        using (var client = Client(new CurlHttpHandler { UseProxy = false, MaxConnectionsPerServer = limit }))
        {
            var bodies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => client.GetStringAsync($"/echo?n={i}")));
            for (int i = 0; i < 50; i++) Assert.StartsWith($"GET /echo?n={i}\n", bodies[i]);
            Assert.InRange(_ledger.Opens.Count, 1, limit);
            Assert.InRange(_server.ConnectionCount, 1, limit);
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_request_queued_behind_MaxConnectionsPerServer_can_be_cancelled_and_opens_nothing()
    {
        using (var client = Client(new CurlHttpHandler { UseProxy = false, MaxConnectionsPerServer = 1 }))
        {
            using var first = await client.GetAsync("/stall", HttpCompletionOption.ResponseHeadersRead);
            await _server.StallReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            using var cts = new CancellationTokenSource();
            var queued = client.GetAsync("/echo", cts.Token);
            cts.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queued);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Single(_ledger.OpenAttempts);   // only the first request's connection
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Parallel_requests_ending_every_which_way_leave_every_socket_closed_once()
    {
        var client = Client(new CurlHttpHandler { UseProxy = false, MaxConnectionsPerServer = 8 });
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => OneAsync(client, i)));
        client.Dispose();
        Assert.All(outcomes, outcome => Assert.True(outcome is "ok" or "cancelled", outcome));
        Assert.Contains("ok", outcomes);
        _ledger.AssertBalanced();
    }

    // Full reads, early disposals, cancellations while waiting and uploads, mixed on one handler.
    private static async Task<string> OneAsync(HttpClient client, int i)
    {
        try
        {
            switch (i % 4)
            {
                case 0:
                    var bytes = await client.GetByteArrayAsync("/bytes/200000");
                    return bytes.AsSpan().SequenceEqual(BodyPattern.Bytes(200_000)) ? "ok" : "body differs";
                case 1:
                    using (var response = await client.GetAsync("/bytes/2000000", HttpCompletionOption.ResponseHeadersRead))
                        await (await response.Content.ReadAsStreamAsync()).ReadExactlyAsync(new byte[1000]);
                    return "ok";
                case 2:
                    using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50 + i)))
                        await client.GetAsync("/stall-head", cts.Token);
                    return "stall-head answered";
                default:
                    var echo = await (await client.PostAsync("/echo", new ByteArrayContent(BodyPattern.Bytes(70_000)))).Content.ReadAsStringAsync();
                    return echo.Contains("body 70000 ") ? "ok" : "upload differs: " + echo;
            }
        }
        catch (OperationCanceledException)
        {
            return "cancelled";
        }
        catch (Exception ex)
        {
            return $"request {i} failed: {ex}";
        }
    }

    [Fact]
    public async Task Response_comes_back_before_the_body_is_complete()
    {
        using (var client = Client())
        {
            using var response = await client.GetAsync("/gated", HttpCompletionOption.ResponseHeadersRead);
            // The server is still holding the second part back: the response was returned on its head.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var reader = new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.ASCII);
            Assert.Equal("first part", await reader.ReadLineAsync());
            _server.Gate.Release();
            Assert.Equal("second part", await reader.ReadLineAsync());
            Assert.Null(await reader.ReadLineAsync());
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_reader_that_does_not_read_holds_the_transfer_back()
    {
        const int size = 64 * 1024 * 1024;   // far more than the kernel's socket buffers and Curlew's own can hold
        using (var client = Client())
        {
            using var response = await client.GetAsync($"/bytes-done/{size}", HttpCompletionOption.ResponseHeadersRead);
            var stream = await response.Content.ReadAsStreamAsync();
            var first = new byte[10_000];
            await stream.ReadExactlyAsync(first);
            // Nobody reads: the server must stay unable to finish. (An absence can only be watched for a while.)
            var finished = await Task.WhenAny(_server.BytesDone.Task, Task.Delay(TimeSpan.FromSeconds(1)));
            Assert.NotSame(_server.BytesDone.Task, finished);
            long total = first.Length;
            var buffer = new byte[256 * 1024];
            var expected = BodyPattern.Bytes(buffer.Length + 251);
            for (int n; (n = await stream.ReadAsync(buffer)) > 0; total += n)
                Assert.True(buffer.AsSpan(0, n).SequenceEqual(expected.AsSpan((int)(total % 251), n)), $"body differs after byte {total}");
            Assert.Equal(size, total);
            await _server.BytesDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Disposing_the_handler_stops_a_running_transfer_and_closes_its_socket()
    {
        var handler = new CurlHttpHandler { UseProxy = false }.WithLedger(_ledger);
        var closed = SignalFirstClose(handler);
        var client = new HttpClient(handler) { BaseAddress = new Uri(_server.BaseUrl) };
        using var response = await client.GetAsync("/stall", HttpCompletionOption.ResponseHeadersRead);
        var stream = await response.Content.ReadAsStreamAsync();
        await _server.StallReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, _ledger.OpenCount);
        var read = Task.Run(async () =>
        {
            var buffer = new byte[64 * 1024];
            while (await stream.ReadAsync(buffer) > 0) { }
        });
        client.Dispose();
        Assert.True(closed.IsCompleted, "Dispose returned before the running transfer's socket was closed");
        await Assert.ThrowsAsync<IOException>(() => read.WaitAsync(TimeSpan.FromSeconds(30)));
        _ledger.AssertBalanced();
        Assert.Single(_ledger.Closes);
    }

    // The close callback is the signal: wraps the ledger's so a test can await the first close.
    private static Task SignalFirstClose(CurlHttpHandler handler)
    {
        var ledgerClose = handler.CloseSocketFunction!;
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        handler.CloseSocketFunction = (data, socket) =>
        {
            var result = ledgerClose(data, socket);
            closed.TrySetResult();
            return result;
        };
        return closed.Task;
    }

    [Fact]
    public async Task Settings_freeze_when_the_first_request_is_sent()
    {
        var handler = new CurlHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) };
        using var client = Client(handler);
        await client.GetStringAsync("/echo");
        Assert.Throws<InvalidOperationException>(() => handler.ConnectTimeout = TimeSpan.FromSeconds(1));
        Assert.Throws<InvalidOperationException>(() => handler.CaInfo = "/nowhere.pem");
        Assert.Equal(TimeSpan.FromSeconds(5), handler.ConnectTimeout);
    }

    [Theory]
    [InlineData(HttpVersionPolicy.RequestVersionExact)]
    [InlineData(HttpVersionPolicy.RequestVersionOrHigher)]
    public async Task Http2_that_must_not_go_lower_fails_clearly_and_opens_nothing(HttpVersionPolicy policy)
    {
        using var client = Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Version = HttpVersion.Version20, VersionPolicy = policy };
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Equal(HttpRequestError.VersionNegotiationError, ex.HttpRequestError);
        Assert.Contains("HTTP/1.1", ex.Message);
        Assert.Empty(_ledger.OpenAttempts);
    }

    [Fact]
    public async Task Http2_or_lower_goes_as_http11()
    {
        using var client = Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo") { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpVersion.Version11, response.Version);
    }

    [Theory]
    [InlineData("a\r\nX-Injected: yes")]
    [InlineData("a\nb")]
    [InlineData("a\0b")]
    public async Task Header_value_with_CR_LF_or_NUL_is_refused_and_nothing_is_sent(string value)
    {
        using var client = Client();
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation("X-Evil", value);
        request.Headers.TryAddWithoutValidation("X-Case", "injection");
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(request));
        Assert.Contains("X-Evil", ex.Message);
        Assert.Empty(_server.Received("injection"));
        Assert.Empty(_ledger.OpenAttempts);
        // The handle went back to the pool in good order: the next request works.
        Assert.StartsWith("GET /echo", await client.GetStringAsync("/echo"));
    }

    [Fact]
    public void Decompression_and_cookies_are_not_built_and_say_so()
    {
        using var handler = new CurlHttpHandler();
        Assert.Throws<NotSupportedException>(() => handler.AutomaticDecompression = DecompressionMethods.GZip);
        Assert.Throws<NotSupportedException>(() => handler.UseCookies = true);
        Assert.Equal(DecompressionMethods.None, handler.AutomaticDecompression);
        Assert.False(handler.UseCookies);
    }

    [Fact]
    public async Task Non_http_schemes_are_not_supported()
    {
        using var client = Client();
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetAsync("ftp://127.0.0.1/file"));
    }

    [Fact]
    public void Synchronous_send_returns_the_response_and_streams_the_body()
    {
        using (var client = Client())
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, "/bytes/300000"), HttpCompletionOption.ResponseHeadersRead);
            using var body = new MemoryStream();
            response.Content.ReadAsStream().CopyTo(body);
            Assert.Equal(BodyPattern.Bytes(300_000), body.ToArray());
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Credentials_go_to_the_first_host_after_the_401_unless_preauthenticated()
    {
        using var client = Client(new CurlHttpHandler { UseProxy = false, Credentials = new NetworkCredential("ann", "secret"), PreAuthenticate = true });
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation("X-Case", "preauth");
        await client.SendAsync(request);
        var got = Assert.Single(_server.Received("preauth"));
        Assert.Contains("authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ann:secret")), got.Headers);
    }

    [Fact]
    public async Task A_request_Authorization_header_follows_a_redirect_on_the_same_host_but_never_to_another()
    {
        using var client = Client();
        foreach (var (caseId, target) in new[] { ("auth-same", "/echo"), ("auth-other", $"http://localhost:{_server.Port}/echo") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/redirect/302?to={Uri.EscapeDataString(target)}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret-token");
            request.Headers.TryAddWithoutValidation("X-Case", caseId);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Contains("authorization: Bearer secret-token", _server.Received("auth-same")[1].Headers);   // curl's rule
        Assert.DoesNotContain("authorization", _server.Received("auth-other")[1].Headers);
    }

    [Fact]
    public async Task ConfigureEasy_throwing_is_an_HttpRequestException_holding_what_it_threw()
    {
        var boom = new InvalidOperationException("configure failed");
        using var client = Client(new CurlHttpHandler { UseProxy = false, ConfigureEasy = _ => throw boom });
        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/echo"));
        Assert.Same(boom, ex.InnerException);
        Assert.Empty(_ledger.OpenAttempts);
    }

    [Fact]
    public async Task ConfigureEasy_reaches_every_handle()
    {
        var seen = new List<string>();
        using var client = Client(new CurlHttpHandler { UseProxy = false, ConfigureEasy = easy => easy.UserAgent = "configured/1" });
        var request = new HttpRequestMessage(HttpMethod.Get, "/echo");
        request.Headers.TryAddWithoutValidation("X-Case", "configure");
        await client.SendAsync(request);
        Assert.Contains("user-agent: configured/1", Assert.Single(_server.Received("configure")).Headers);
    }
}
