using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Curlew.Tests.Servers;

/// <summary>
/// An in-process Kestrel HTTP/1.1 server on 127.0.0.1 (and optionally [::1]) at a dynamic port, with the fixed set of
/// routes the HTTP and lifecycle tests script against. Start one per test class or per test; it is cheap.
/// </summary>
public sealed class KestrelTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connectionCount;

    private KestrelTestServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The TCP port the server listens on (the same port on both loopbacks when IPv6 is on).</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>How many TCP connections the server has accepted so far.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>The byte at <paramref name="index"/> of every generated body: <c>index % 251</c>.</summary>
    public static byte PatternByte(long index) => BodyPattern.At(index);

    /// <summary>The first <paramref name="length"/> bytes of the generated body pattern.</summary>
    public static byte[] Pattern(int length, long offset = 0) => BodyPattern.Bytes(length, offset);

    /// <summary>Starts a server; with <paramref name="alsoIPv6"/> it listens on [::1] too, on the same port.</summary>
    public static async Task<KestrelTestServer> StartAsync(bool alsoIPv6 = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryStartAsync(alsoIPv6);
            }
            catch (IOException) when (alsoIPv6 && attempt < 5)
            {
                // The port picked for both loopbacks was taken in between; pick another.
            }
        }
    }

    private static async Task<KestrelTestServer> TryStartAsync(bool alsoIPv6)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.None);
        var fixedPort = alsoIPv6 ? LoopbackPort.FreeOnBothLoopbacks() : 0;
        KestrelTestServer? server = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.AllowSynchronousIO = true;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, fixedPort, listen => Configure(listen, () => server));
            if (alsoIPv6) kestrel.Listen(IPAddress.IPv6Loopback, fixedPort, listen => Configure(listen, () => server));
        });
        var app = builder.Build();
        MapRoutes(app);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        var port = fixedPort != 0 ? fixedPort : BoundPort(app);
        server = new KestrelTestServer(app, port);
        return server;
    }

    private static void Configure(ListenOptions listen, Func<KestrelTestServer?> server)
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.Use(next => connection =>
        {
            var current = server();
            if (current is not null) Interlocked.Increment(ref current._connectionCount);
            return next(connection);
        });
    }

    private static int BoundPort(WebApplication app)
    {
        var addresses = app.Urls;
        foreach (var url in addresses)
        {
            var uri = new Uri(url.Replace("[::]", "localhost", StringComparison.Ordinal));
            if (uri.Port > 0) return uri.Port;
        }
        throw new InvalidOperationException("Kestrel started but reported no bound address");
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/hello", () => Results.Text("hello world\n", "text/plain"));
        app.Map("/bytes/{n:long}", (long n) =>
            Results.Bytes(Pattern(checked((int)n)), "application/octet-stream", enableRangeProcessing: true));
        app.Map("/chunked/{n:long}", (HttpContext context, long n) => WriteChunked(context, n, withTrailer: false));
        app.Map("/chunked-trailer/{n:long}", (HttpContext context, long n) => WriteChunked(context, n, withTrailer: true));
        app.Map("/status/{code:int}", (HttpContext context, int code) => WriteStatus(context, code));
        app.Map("/redirect/{code:int}", (HttpContext context, int code, string? to) =>
        {
            context.Response.StatusCode = code;
            context.Response.Headers.Location = to ?? "/hello";
            return Task.CompletedTask;
        });
        app.Map("/redirect-chain/{n:int}", (HttpContext context, int n) =>
        {
            if (n <= 0) return WriteText(context, 200, "done\n");
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = $"/redirect-chain/{n - 1}";
            return Task.CompletedTask;
        });
        app.Map("/echo", Echo);
        app.Map("/headers", (HttpContext context) =>
        {
            var text = new StringBuilder();
            foreach (var header in context.Request.Headers)
                foreach (var value in header.Value)
                    text.Append(header.Key).Append(": ").Append(value).Append('\n');
            return WriteText(context, 200, text.ToString());
        });
        app.Map("/slow-body/{ms:int}", SlowBody);
        app.Map("/basic-auth/{user}/{pass}", (HttpContext context, string user, string pass) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{pass}"));
            if (context.Request.Headers.Authorization.ToString() == expected)
                return WriteText(context, 200, $"authenticated {user}\n");
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"x\"";
            return WriteText(context, 401, "unauthorized\n");
        });
    }

    private static async Task WriteChunked(HttpContext context, long n, bool withTrailer)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        // Kestrel sends no HTTP/1.1 trailers itself; when the app sets Transfer-Encoding it stops chunking, so the
        // trailer route frames its chunks by hand.
        if (withTrailer) response.Headers.TransferEncoding = "chunked";
        await response.StartAsync(context.RequestAborted);
        const int pieces = 4;
        var pieceSize = Math.Max(1, (n + pieces - 1) / pieces);
        for (long offset = 0; offset < n; offset += pieceSize)
        {
            var length = (int)Math.Min(pieceSize, n - offset);
            if (withTrailer) await WriteAscii(response, $"{length:x}\r\n", context.RequestAborted);
            await response.Body.WriteAsync(Pattern(length, offset), context.RequestAborted);
            if (withTrailer) await WriteAscii(response, "\r\n", context.RequestAborted);
            await response.Body.FlushAsync(context.RequestAborted);
        }
        if (withTrailer) await WriteAscii(response, "0\r\nX-Trailer: done\r\n\r\n", context.RequestAborted);
    }

    private static async Task WriteAscii(HttpResponse response, string text, CancellationToken ct) =>
        await response.Body.WriteAsync(Encoding.ASCII.GetBytes(text), ct);

    private static Task WriteStatus(HttpContext context, int code) => WriteText(context, code, $"status {code}\n");

    private static async Task WriteText(HttpContext context, int status, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private static async Task Echo(HttpContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.Headers["X-Method"] = request.Method;
        response.Headers["X-Content-Length"] = request.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
        var transferEncoding = request.Headers.TransferEncoding.ToString();
        response.Headers["X-Transfer-Encoding"] = transferEncoding.Length == 0 ? "none" : transferEncoding;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }

    private static async Task SlowBody(HttpContext context, int ms)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength = 10;
        var body = Pattern(10);
        await response.Body.WriteAsync(body.AsMemory(0, 5), context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);
        await Task.Delay(ms, context.RequestAborted);
        await response.Body.WriteAsync(body.AsMemory(5, 5), context.RequestAborted);
    }

    /// <summary>Stops the server and closes its connections.</summary>
    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _app.StopAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Connections that did not drain in time are aborted by DisposeAsync below.
        }
        await _app.DisposeAsync();
    }
}
