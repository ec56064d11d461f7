using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>
/// How CurlHttpHandler fails, seen through HttpClient: the right exception and <see cref="HttpRequestError"/>, the
/// <see cref="CurlCode"/> reachable, the caller's token in cancellations, and on every path every socket from the open
/// callback closed exactly once (the ledger), at the latest when the handler is disposed.
/// </summary>
public sealed class HandlerFailureTests : IAsyncLifetime
{
    private HandlerTestServer _server = null!;
    private readonly CallbackLedger _ledger = new();

    public async Task InitializeAsync() => _server = await HandlerTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client(CurlHttpHandler? handler = null, TimeSpan? timeout = null) =>
        new((handler ?? new CurlHttpHandler { UseProxy = false }).WithLedger(_ledger), disposeHandler: true)
        {
            BaseAddress = new Uri(_server.BaseUrl),
            Timeout = timeout ?? TimeSpan.FromSeconds(60),
        };

    [Fact]
    public async Task Connection_refused_is_a_connection_error_with_curl_code_7()
    {
        using (var client = Client())
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync($"http://127.0.0.1:{LoopbackPort.Closed()}/"));
            Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
            Assert.Equal(CurlCode.CouldntConnect, HandlerLedger.CurlCodeOf(ex));
            Assert.Equal(CurlCode.CouldntConnect, ex.InnerException!.Data["CurlCode"]);
            Assert.NotEmpty(_ledger.Opens);
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Unknown_host_is_a_name_resolution_error_with_curl_code_6()
    {
        using (var client = Client())
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("http://no-such-host.invalid/"));
            Assert.Equal(HttpRequestError.NameResolutionError, ex.HttpRequestError);
            Assert.Equal(CurlCode.CouldntResolveHost, HandlerLedger.CurlCodeOf(ex));
            Assert.Contains("no-such-host.invalid", ex.Message);
        }
        Assert.Empty(_ledger.Opens);
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_refusing_is_a_connection_error_with_curl_code_7()
    {
        _ledger.OnOpen = _ => null;
        using (var client = Client())
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/echo"));
            Assert.Equal(HttpRequestError.ConnectionError, ex.HttpRequestError);
            Assert.Equal(CurlCode.CouldntConnect, HandlerLedger.CurlCodeOf(ex));
        }
        Assert.NotEmpty(_ledger.OpenAttempts);
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_throwing_surfaces_what_it_threw_in_the_inner_chain()
    {
        var boom = new InvalidOperationException("open callback says no");
        _ledger.OnOpen = _ => throw boom;
        using (var client = Client())
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/echo"));
            Assert.Equal(CurlCode.AbortedByCallback, HandlerLedger.CurlCodeOf(ex));
            Assert.True(HandlerLedger.ChainContains(ex, boom), $"the callback's exception is not in the chain: {ex}");
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Request_content_that_throws_surfaces_what_it_threw_and_closes_the_socket()
    {
        var boom = new IOException("content failed half way");
        using (var client = Client())
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("/echo", new FailingContent(boom)));
            Assert.True(HandlerLedger.ChainContains(ex, boom), $"the content's exception is not in the chain: {ex}");
            Assert.Equal(CurlCode.ReadError, HandlerLedger.CurlCodeOf(ex));
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Server_resetting_mid_body_fails_the_body_read_with_response_ended()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serverDone = ResetMidBodyAsync(listener);
        using (var client = Client())
        {
            using var response = await client.GetAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stream = await response.Content.ReadAsStreamAsync();
            var ex = await Assert.ThrowsAsync<HttpIOException>(() => stream.CopyToAsync(Stream.Null));
            Assert.Equal(HttpRequestError.ResponseEnded, ex.HttpRequestError);
            Assert.True(HandlerLedger.CurlCodeOf(ex) is CurlCode.PartialFile or CurlCode.RecvError, $"unexpected code {HandlerLedger.CurlCodeOf(ex)}");
        }
        await serverDone;
        _ledger.AssertBalanced();
    }

    // A real socket server: answers with a head promising 100000 bytes, sends 1000, then resets the connection.
    private static async Task ResetMidBodyAsync(TcpListener listener)
    {
        using var socket = await listener.AcceptSocketAsync();
        var buffer = new byte[4096];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n"))
        {
            int n = await socket.ReceiveAsync(buffer);
            if (n == 0) return;
            head.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }
        await socket.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n"u8.ToArray());
        await socket.SendAsync(new byte[1000]);
        socket.LingerState = new LingerOption(true, 0);   // close = RST
        socket.Close();
    }

    [Fact]
    public async Task Cancelled_before_send_throws_with_the_callers_token_and_opens_nothing()
    {
        using (var client = Client())
        {
            using var cts = new CancellationTokenSource();
            cts.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetAsync("/echo", cts.Token));
            Assert.Equal(cts.Token, ex.CancellationToken);
        }
        Assert.Empty(_ledger.OpenAttempts);
    }

    [Fact]
    public async Task Cancelled_while_waiting_for_the_head_throws_with_the_callers_token_and_closes_the_socket()
    {
        using (var client = Client())
        {
            using var cts = new CancellationTokenSource();
            var send = client.GetAsync("/stall-head", cts.Token);
            await _server.StallReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
            cts.Cancel();
            var ex = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
            Assert.Equal(cts.Token, ex.CancellationToken);
            Assert.Equal(0, _ledger.OpenCount);   // closed at once, not at Dispose
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Cancelled_body_read_aborts_the_transfer_and_the_connection_is_not_reused()
    {
        using (var client = Client())
        {
            using (var response = await client.GetAsync("/stall", HttpCompletionOption.ResponseHeadersRead))
            {
                var stream = await response.Content.ReadAsStreamAsync();
                await _server.StallReached.Task.WaitAsync(TimeSpan.FromSeconds(30));
                using var cts = new CancellationTokenSource();
                var buffer = new byte[64 * 1024];
                int got = 0;
                while (got < 1000) got += await stream.ReadAsync(buffer);   // what the server sent before stalling
                var read = stream.ReadAsync(buffer, cts.Token).AsTask();
                cts.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
            }
            var second = await client.GetStringAsync("/echo");
            Assert.StartsWith("GET /echo", second);
            Assert.Equal(2, _ledger.Opens.Count);   // the aborted connection was not reused
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task HttpClient_timeout_throws_TaskCanceledException_with_TimeoutException_not_early()
    {
        using (var client = Client(timeout: TimeSpan.FromMilliseconds(500)))
        {
            var watch = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => client.GetAsync("/stall-head"));
            watch.Stop();
            Assert.IsType<TimeoutException>(ex.InnerException);
            Assert.True(watch.ElapsedMilliseconds >= 450, $"timed out after {watch.ElapsedMilliseconds} ms, before 500 ms");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"timed out only after {watch.Elapsed}");
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Response_disposed_early_aborts_the_transfer_and_its_connection_is_not_reused()
    {
        using (var client = Client())
        {
            using (var response = await client.GetAsync("/bytes/20971520", HttpCompletionOption.ResponseHeadersRead))
            {
                var stream = await response.Content.ReadAsStreamAsync();
                var buffer = new byte[10_000];
                await stream.ReadExactlyAsync(buffer);
                Assert.Equal(BodyPattern.Bytes(10_000), buffer);
            }
            Assert.StartsWith("GET /echo", await client.GetStringAsync("/echo"));
            Assert.Equal(2, _ledger.Opens.Count);
            Assert.Equal(1, _ledger.OpenCount);   // the first one is already closed; the second is idle
        }
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Disposing_the_handler_closes_idle_connections_once_each()
    {
        var client = Client();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetStringAsync("/echo")));
        Assert.Equal(_ledger.Opens.Count, _ledger.OpenCount);   // all idle, none closed yet
        Assert.NotEqual(0, _ledger.OpenCount);
        client.Dispose();
        Assert.Equal(0, _ledger.OpenCount);
        _ledger.AssertBalanced();
    }

    [Fact]
    public async Task Tls_verification_failure_is_a_secure_connection_error_with_curl_code_60()
    {
        await using var tls = await NginxTlsServer.StartAsync();
        using (var client = Client(new CurlHttpHandler { UseProxy = false, CaInfo = tls.Certificates.OtherCaFile }))
        {
            var ex = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(tls.Https("tls") + "/small.txt"));
            Assert.Equal(HttpRequestError.SecureConnectionError, ex.HttpRequestError);
            Assert.Equal(CurlCode.PeerFailedVerification, HandlerLedger.CurlCodeOf(ex));
        }
        _ledger.AssertBalanced();
    }

    /// <summary>Content that writes a little and then throws.</summary>
    private sealed class FailingContent(Exception toThrow) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(new byte[100]);
            throw toThrow;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 1000;
            return true;
        }
    }
}
