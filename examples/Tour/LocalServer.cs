using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Curlew.Tour;

/// <summary>
/// A Kestrel server inside this process on 127.0.0.1 and a port the OS picks, so the tour needs no internet and never
/// collides with anything already running.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    public const string HelloBody = "hello from the local server\n";

    private readonly WebApplication _app;

    private LocalServer(WebApplication app, IPEndPoint endPoint, int httpsPort)
    {
        _app = app;
        EndPoint = endPoint;
        HttpsPort = httpsPort;
    }

    public IPEndPoint EndPoint { get; }
    public int Port => EndPoint.Port;

    /// <summary>The port of the HTTPS listener (same routes, the certificate given to <see cref="StartAsync"/>).</summary>
    public int HttpsPort { get; }

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public string HttpsUrl(string path) => $"https://127.0.0.1:{HttpsPort}{path}";

    public static async Task<LocalServer> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();   // the tour's own output is the story; Kestrel's logs would drown it
        builder.WebHost.UseKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
        // The slow route and idle keep-alive connections must not hold up the end of the run.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(2));

        var app = builder.Build();
        MapRoutes(app);
        await app.StartAsync().ConfigureAwait(false);

        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses
            .Select(a => new Uri(a)).ToList();
        int http = bound.Single(u => u.Scheme == "http").Port, https = bound.Single(u => u.Scheme == "https").Port;
        return new LocalServer(app, new IPEndPoint(IPAddress.Loopback, http), https);
    }

    /// <summary>A loopback port nothing listens on (bound, then released), for a refused connection.</summary>
    public static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Reads a <c>/whoami</c> body: who connected (as the server saw it) and the Host header it got.</summary>
    public static (string Remote, string Host) ParseWhoAmI(string body)
    {
        var fields = body.Trim().Split(' ').Select(f => f.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1]);
        return (fields.GetValueOrDefault("remote", "?"), fields.GetValueOrDefault("host", "?"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static void MapRoutes(WebApplication app)
    {
        app.MapGet("/hello", () => HelloBody);

        // The peer address is how the tour proves which socket a request really travelled on.
        app.MapGet("/whoami", (HttpContext context) =>
            $"remote={context.Connection.RemoteIpAddress}:{context.Connection.RemotePort} host={context.Request.Host}\n");

        // Sends the headers and a first line at once, then stalls, so a client can be cancelled mid-body.
        app.MapGet("/slow", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("first line, the rest takes a while...\n", context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            try { await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }   // the client went away: exactly what section 5 does
            await context.Response.WriteAsync("done\n", context.RequestAborted).ConfigureAwait(false);
        });
    }
}
