using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Curlew.Tests.Differential.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Curlew.Tests.Http.Auth;

/// <summary>
/// Kestrel guarding two pages for user "alice": <c>/digest</c> offers Basic and Digest (SHA-256, qop auth) and lets in
/// only a Digest answer it can verify; <c>/basic</c> offers and takes Basic only. Every byte any client sends is kept
/// (<see cref="CapturedText"/>), copied off the connection before Kestrel parses it.
/// </summary>
public sealed class AuthKestrelServer : IAsyncDisposable
{
    public const string User = "alice";
    public const string Password = "pl4in-t3xt-s3cret";
    private const string Nonce = "kestrel-nonce-5a1e";

    private readonly WebApplication _app;
    private readonly MemoryStream _captured = new();

    private AuthKestrelServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The Authorization value of every request the pages saw, in order ("" for none).</summary>
    public List<string> Authorizations { get; } = [];

    /// <summary>Everything received so far, as Latin-1 text.</summary>
    public string CapturedText { get { lock (_captured) return Encoding.Latin1.GetString(_captured.ToArray()); } }

    public static async Task<AuthKestrelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        AuthKestrelServer? server = null;
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;
            listen.Use(next => connection => server!.CaptureAsync(connection, next));
        }));
        var app = builder.Build();
        server = new AuthKestrelServer(app);
        app.Map("/digest", server.Digest);
        app.Map("/basic", server.Basic);
        await app.StartAsync();
        server.BaseUrl = app.Urls.First();
        return server;
    }

    private IResult Digest(HttpContext context)
    {
        string authorization = Record(context);
        if (authorization.StartsWith("Digest ", StringComparison.Ordinal)
            && DigestVerifier.Parameters(authorization[7..]).GetValueOrDefault("nonce") == Nonce
            && DigestVerifier.IsCorrect(authorization[7..], context.Request.Method, User, Password))
            return Results.Text("welcome");
        context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"kestrel\"");
        context.Response.Headers.Append("WWW-Authenticate", $"Digest realm=\"kestrel\", qop=\"auth\", algorithm=SHA-256, nonce=\"{Nonce}\"");
        return Results.Text("denied", statusCode: 401);
    }

    private IResult Basic(HttpContext context)
    {
        string authorization = Record(context);
        if (authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"))) return Results.Text("welcome");
        context.Response.Headers.Append("WWW-Authenticate", "Basic realm=\"kestrel\"");
        return Results.Text("denied", statusCode: 401);
    }

    private string Record(HttpContext context)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        lock (Authorizations) Authorizations.Add(authorization);
        return authorization;
    }

    // Puts a pipe between the socket and Kestrel that keeps a copy of every incoming byte.
    private async Task CaptureAsync(ConnectionContext connection, ConnectionDelegate next)
    {
        var transport = connection.Transport;
        var pipe = new Pipe();
        var copy = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var read = await transport.Input.ReadAsync();
                    foreach (var segment in read.Buffer)
                    {
                        lock (_captured) _captured.Write(segment.Span);
                        await pipe.Writer.WriteAsync(segment);
                    }
                    transport.Input.AdvanceTo(read.Buffer.End);
                    if (read.IsCompleted || read.IsCanceled) break;
                }
            }
            catch (Exception) { /* the connection went away; Kestrel sees the end of the pipe */ }
            finally { await pipe.Writer.CompleteAsync(); }
        });
        connection.Transport = new CapturedTransport(pipe.Reader, transport.Output);
        try { await next(connection); }
        finally
        {
            transport.Input.CancelPendingRead();
            await copy;
            connection.Transport = transport;
        }
    }

    private sealed class CapturedTransport(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
