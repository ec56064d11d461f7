using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Curlew.Tests.Differential;

/// <summary>
/// Kestrel listening on a Unix domain socket (the shared <see cref="Servers.KestrelTestServer"/> listens on TCP only),
/// with the two routes the Unix-socket cases use. The path is short on purpose: libcurl 7.88.1 copies a sockaddr_un
/// path into its 46-byte PRIMARY_IP buffer, so longer paths would be truncated on libcurl's side.
/// <see cref="DiffServers"/> owns it and disposes it when the test run ends.
/// </summary>
public sealed class DiffUnixServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiffUnixServer(WebApplication app, string path)
    {
        _app = app;
        Path = path;
    }

    public string Path { get; }

    public static async Task<DiffUnixServer> StartAsync()
    {
        var path = $"/tmp/cdiff-{Environment.ProcessId}.sock";
        File.Delete(path);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.ListenUnixSocket(path, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();
        app.MapGet("/hello", () => Results.Text("hello world\n", "text/plain"));
        app.Map("/echo", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers["X-Method"] = context.Request.Method;
            context.Response.Headers["X-Host"] = context.Request.Host.ToString();
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
        });
        await app.StartAsync();
        return new DiffUnixServer(app, path);
    }

    /// <summary>Stops Kestrel and removes the socket file.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        File.Delete(Path);
    }
}
