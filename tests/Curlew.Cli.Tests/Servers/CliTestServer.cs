using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Curlew.Cli.Tests.Servers;

/// <summary>
/// A Kestrel server on a loopback port and a Unix socket, with the routes the differential cases need. Every request
/// is recorded before it is answered, so once a client has its reply the record is there to compare.
/// </summary>
public sealed class CliTestServer : IAsyncLifetime
{
    private WebApplication? _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    public string BaseUrl { get; private set; } = "";
    public string UnixSocketPath { get; } = Path.Combine(Path.GetTempPath(), $"curlew-cli-{Guid.NewGuid():N}.sock");

    public static readonly byte[] RangeBody = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("0123456789", 10)));

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(System.Net.IPAddress.Loopback, 0);
            k.ListenUnixSocket(UnixSocketPath);
        });
        _app = builder.Build();
        _app.Use(async (ctx, next) => { await Record(ctx); await next(ctx); });
        MapRoutes(_app);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app != null) await _app.DisposeAsync();
        File.Delete(UnixSocketPath);
    }

    /// <summary>Forgets what was received so far; the next <see cref="TakeReceived"/> returns only newer requests.</summary>
    public void ClearReceived() => _received.Clear();

    public IReadOnlyList<ReceivedRequest> TakeReceived() => [.. _received];

    private async Task Record(HttpContext ctx)
    {
        ctx.Request.EnableBuffering();
        using var copy = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(copy);
        ctx.Request.Body.Position = 0;
        var headers = ctx.Request.Headers.Select(h => $"{h.Key}: {h.Value}").ToList();
        _received.Enqueue(new ReceivedRequest(ctx.Request.Method, ctx.Request.Path + ctx.Request.QueryString, headers, copy.ToArray()));
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/text", () => Results.Text("hello curlew\n", "text/plain"));
        app.Map("/echo", async (HttpContext ctx) =>
        {
            using var body = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(body);
            ctx.Response.ContentType = "text/plain";
            // One write: two could reach the client as one read or two depending on timing, and trace dumps (one
            // record per read) are compared with curl's record for record.
            byte[] line = Encoding.UTF8.GetBytes($"{ctx.Request.Method} {ctx.Request.Path}{ctx.Request.QueryString}\n");
            byte[] answer = [.. line, .. body.ToArray()];
            await ctx.Response.Body.WriteAsync(answer);
        });
        app.Map("/status/{code:int}", (int code) => Results.Text($"status {code}\n", "text/plain", statusCode: code));
        app.MapGet("/redirect/{n:int}", (int n) => Results.Redirect(n > 0 ? $"/redirect/{n - 1}" : "/text"));
        app.MapGet("/loop", () => Results.Redirect("/loop"));
        app.MapGet("/bin", () => Results.Bytes(Enumerable.Range(0, 256).Select(i => (byte)i).ToArray(), "application/octet-stream"));
        app.MapGet("/big", () => Results.Bytes(Enumerable.Range(0, 200_000).Select(i => (byte)('a' + i % 26)).ToArray(), "text/plain"));
        app.MapGet("/empty", () => Results.Bytes([], "text/plain"));
        app.MapGet("/files/{name}", (string name) => Results.Text($"file {name}\n", "text/plain"));
        app.MapGet("/range", Ranged);
        app.MapGet("/basic", (HttpContext ctx) =>
        {
            string expected = "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:pass"));
            if (ctx.Request.Headers.Authorization == expected) return Results.Text("welcome\n", "text/plain");
            ctx.Response.Headers.WWWAuthenticate = "Basic realm=\"cli\"";
            return Results.Text("who are you\n", "text/plain", statusCode: 401);
        });
        app.MapGet("/headers", (HttpContext ctx) =>
        {
            ctx.Response.Headers["X-One"] = "1";
            ctx.Response.Headers["X-Multi"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]);
            return Results.Text("{\"ok\":true}\n", "application/json");
        });
        app.MapGet("/chunked", async (HttpContext ctx) =>
        {
            // Two chunks and the last one, written without a flush in between so they leave in one piece: both clients
            // then read them in one go and report the same received data.
            ctx.Response.ContentType = "text/plain";
            ctx.Response.Headers.Date = "Tue, 01 Dec 2026 00:00:00 GMT";   // pinned for hex dumps (see /fixed-date)
            ctx.Response.BodyWriter.Write("first chunk\n"u8);
            ctx.Response.BodyWriter.Write("second chunk\n"u8);
            await ctx.Response.BodyWriter.FlushAsync();
        });
        app.MapGet("/slow", async (HttpContext ctx) =>
        {
            // 60 bytes over about three seconds: long enough for a progress meter to redraw along the way.
            ctx.Response.ContentLength = 60;
            for (int i = 0; i < 6; i++)
            {
                await Task.Delay(500, ctx.RequestAborted);
                await ctx.Response.Body.WriteAsync(Enumerable.Repeat((byte)'s', 10).ToArray(), ctx.RequestAborted);
                await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            }
        });
        app.MapGet("/late-zero", async (HttpContext ctx) =>
        {
            // 3000 bytes of text, then (in a later read: flushed, and a pause) a zero byte: past curl's 2000-byte look
            // for binary data on a terminal.
            ctx.Response.ContentLength = 3002;
            await ctx.Response.Body.WriteAsync(Enumerable.Repeat((byte)'z', 3000).ToArray());
            await ctx.Response.Body.FlushAsync();
            // Long enough that even a client starved of CPU on a loaded machine has read the text before the zero comes.
            await Task.Delay(1500);
            await ctx.Response.Body.WriteAsync(new byte[] { 0, (byte)'\n' });
        });
        app.MapGet("/fixed-date", (HttpContext ctx) =>
        {
            // A hex trace dump splits the Date header over lines where no normalisation can find it: pin it instead.
            ctx.Response.Headers.Date = "Tue, 01 Dec 2026 00:00:00 GMT";
            return Results.Text("fixed\r\nline two, long enough to pass the sixty-four characters of a trace-ascii line\r\n", "text/plain");
        });
        app.MapGet("/stall", async (HttpContext ctx) =>
        {
            // One byte, then nothing until the client gives up: what -m and -Y/-y are measured against.
            ctx.Response.ContentLength = 1000;
            await ctx.Response.WriteAsync("x");
            await ctx.Response.Body.FlushAsync();
            try { await Task.Delay(Timeout.Infinite, ctx.RequestAborted); }
            catch (OperationCanceledException) { }
        });
    }

    // "bytes=a-b" or "bytes=a-" on a fixed 100-byte body; anything else gets the whole body.
    private static async Task Ranged(HttpContext ctx)
    {
        ctx.Response.ContentType = "text/plain";
        string? range = ctx.Request.Headers.Range;
        if (range == null || !range.StartsWith("bytes=", StringComparison.Ordinal))
        {
            await ctx.Response.Body.WriteAsync(RangeBody);
            return;
        }
        var parts = range[6..].Split('-');
        if (!int.TryParse(parts[0], out int start) || start >= RangeBody.Length)
        {
            ctx.Response.StatusCode = 416;
            return;
        }
        int end = parts.Length > 1 && int.TryParse(parts[1], out int e) ? Math.Min(e, RangeBody.Length - 1) : RangeBody.Length - 1;
        ctx.Response.StatusCode = 206;
        ctx.Response.Headers.ContentRange = $"bytes {start}-{end}/{RangeBody.Length}";
        await ctx.Response.Body.WriteAsync(RangeBody.AsMemory(start, end - start + 1));
    }
}
