using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Curlew.Tests.Handler;

/// <summary>What the server received for one request: compared between the two handlers.</summary>
public sealed record ReceivedRequest(string Method, string PathAndQuery, string Headers, long BodyLength, string BodySha256);

/// <summary>
/// An in-process Kestrel (HTTP/1.1, 127.0.0.1, dynamic port) for the handler tests. Every request is recorded, under
/// the value of its X-Case header, with its method, target, headers and body hash; routes answer with echoes, status
/// codes, redirects, big and slow bodies and trailers. It counts the TCP connections it accepted.
/// </summary>
public sealed class HandlerTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ReceivedRequest>> _received = new();
    private int _connections;

    private HandlerTestServer(WebApplication app) => _app = app;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>TCP connections accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>Released by tests to let <c>/gated</c> send the rest of its body.</summary>
    public SemaphoreSlim Gate { get; } = new(0);

    /// <summary>Set once <c>/gated</c> has sent its head and first part.</summary>
    public TaskCompletionSource GatedHeadSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>/bytes-done/{n}</c> has handed its last byte to Kestrel.</summary>
    public TaskCompletionSource BytesDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when <c>/stall-head</c> or <c>/stall</c> got its request.</summary>
    public TaskCompletionSource StallReached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Requests recorded under <paramref name="caseId"/>, in arrival order.</summary>
    public IReadOnlyList<ReceivedRequest> Received(string caseId) => _received.TryGetValue(caseId, out var q) ? [.. q] : [];

    public static async Task<HandlerTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        HandlerTestServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listen.Use(next => connection =>
                {
                    if (server is not null) Interlocked.Increment(ref server._connections);
                    return next(connection);
                });
            });
        });
        var app = builder.Build();
        server = new HandlerTestServer(app);
        server.Map(app);
        await app.StartAsync();
        server.Port = new Uri(app.Urls.First()).Port;
        return server;
    }

    private void Map(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            // Read the whole request body first (what arrived is the record), unless the route answers before it.
            var request = context.Request;
            if (request.Path.StartsWithSegments("/reject-expect")) { await next(context); return; }
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = new StringBuilder();
            foreach (var header in request.Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
                if (!header.Key.Equals("X-Case", StringComparison.OrdinalIgnoreCase))
                    headers.Append(header.Key.ToLowerInvariant()).Append(": ").Append(header.Value.ToString()).Append('\n');
            var record = new ReceivedRequest(request.Method, request.Path + request.QueryString, headers.ToString(), body.Length,
                Convert.ToHexString(SHA256.HashData(body.ToArray())));
            _received.GetOrAdd(request.Headers["X-Case"].ToString(), _ => new()).Enqueue(record);
            context.Items["record"] = record;
            await next(context);
        });
        app.Map("/echo", (HttpContext context) =>
        {
            var record = (ReceivedRequest)context.Items["record"]!;
            context.Response.Headers["X-Multi"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]);
            context.Response.Headers.Append("Set-Cookie", "one=1; Path=/");
            context.Response.Headers.Append("Set-Cookie", "two=2; Path=/");
            return Results.Text($"{record.Method} {record.PathAndQuery}\n{record.Headers}body {record.BodyLength} {record.BodySha256}\n", "text/plain; charset=utf-8").ExecuteAsync(context);
        });
        app.Map("/tagged/{tag}", (HttpContext context, string tag) =>
        {
            // Known header names with values the test chooses: equal lengths, so only the bytes tell them apart.
            context.Response.Headers.ETag = $"\"{tag}\"";
            context.Response.Headers.CacheControl = $"max-age={tag.Length}, {tag}";
            context.Response.ContentType = $"text/{tag}";
            return context.Response.WriteAsync(tag);
        });
        app.Map("/reject-expect", async (HttpContext context) =>
        {
            // Answers without reading the body: Kestrel then sends no 100 Continue, and the client must not send it.
            context.Response.StatusCode = 403;
            await context.Response.WriteAsync("refused before the body\n");
        });
        app.Map("/status/{code:int}", async (HttpContext context, int code) =>
        {
            context.Response.StatusCode = code;
            if (code is 204 or 304) return;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"status {code} body\n");
        });
        app.Map("/redirect/{code:int}", (HttpContext context, int code, string? to) =>
        {
            context.Response.StatusCode = code;
            context.Response.Headers.Location = to ?? "/echo";
            return Task.CompletedTask;
        });
        app.Map("/redirect-chain/{n:int}", (HttpContext context, int n) =>
        {
            context.Response.StatusCode = n > 0 ? 302 : 200;
            if (n > 0) context.Response.Headers.Location = $"/redirect-chain/{n - 1}";
            return n > 0 ? Task.CompletedTask : context.Response.WriteAsync("end of chain\n");
        });
        app.Map("/bytes-done/{n:long}", async (HttpContext context, long n) =>
        {
            await WriteBytesAsync(context, n);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            BytesDone.TrySetResult();
        });
        app.Map("/bytes/{n:long}", (HttpContext context, long n) => WriteBytesAsync(context, n));
        app.Map("/trailers", async (HttpContext context) =>
        {
            // Kestrel sends no HTTP/1.1 trailers itself: the chunks are framed by hand, as in KestrelTestServer.
            var response = context.Response;
            response.ContentType = "text/plain";
            response.Headers.TransferEncoding = "chunked";
            await response.StartAsync();
            await response.Body.WriteAsync("6\r\nhello \r\n5\r\nworld\r\n0\r\nX-Checksum: abc123\r\nX-Count: 2\r\n\r\n"u8.ToArray());
        });
        app.Map("/drip", async (HttpContext context) =>
        {
            // A slow body: five pieces, each after a pause, flushed one by one.
            context.Response.ContentType = "text/plain";
            for (int i = 0; i < 5; i++)
            {
                await Task.Delay(40, context.RequestAborted);
                await context.Response.WriteAsync($"piece {i}\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        });
        app.Map("/gated", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.StartAsync();
            await context.Response.WriteAsync("first part\n");
            await context.Response.Body.FlushAsync();
            GatedHeadSent.TrySetResult();
            await Gate.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("second part\n");
        });
        app.Map("/stall", async (HttpContext context) =>
        {
            // Sends a head and part of a long body, then waits until the client goes away.
            context.Response.ContentLength = 1_000_000;
            await context.Response.StartAsync();
            await context.Response.Body.WriteAsync(new byte[1000]);
            await context.Response.Body.FlushAsync();
            StallReached.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
        });
        app.Map("/stall-head", async (HttpContext context) =>
        {
            StallReached.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, context.RequestAborted); } catch (OperationCanceledException) { }
        });
    }

    private static async Task WriteBytesAsync(HttpContext context, long n)
    {
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = n;
        var block = BodyPattern.Bytes(64 * 1024);
        for (long sent = 0; sent < n;)
        {
            // The pattern repeats every 251 bytes, so a block that starts at a multiple of 251 is the same block.
            int size = (int)Math.Min(block.Length - block.Length % 251, n - sent);
            await context.Response.Body.WriteAsync(block.AsMemory(0, size), context.RequestAborted);
            sent += size;
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
