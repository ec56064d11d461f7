using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Curlew.Bench;

/// <summary>
/// The second server of the end-to-end runner: Kestrel, in a process of its own (so the client's CPU figures are the
/// client's alone), serving <c>/big</c> (<see cref="BigBytes"/> with a Content-Length, written in 256 KiB pieces from
/// one buffer) and <c>/small</c> (20 bytes, like nginx's small.txt). It prints its port and stops when its standard
/// input closes, so it never outlives the runner.
/// </summary>
internal static class KestrelServer
{
    public const long BigBytes = 512L * 1024 * 1024;
    private static readonly byte[] Small = "small response body\n"u8.ToArray();

    /// <summary>The child's side: <c>kestrel-serve</c>.</summary>
    public static int Serve()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var piece = new byte[256 * 1024];
        new Random(15).NextBytes(piece);
        app.MapGet("/small", (HttpContext c) =>
        {
            c.Response.ContentLength = Small.Length;
            return c.Response.Body.WriteAsync(Small).AsTask();
        });
        app.MapGet("/big", async (HttpContext c) =>
        {
            c.Response.ContentLength = BigBytes;
            for (long left = BigBytes; left > 0; left -= piece.Length)
                await c.Response.Body.WriteAsync(piece.AsMemory(0, (int)Math.Min(piece.Length, left)), c.RequestAborted);
        });
        app.StartAsync().GetAwaiter().GetResult();
        var address = app.Urls.First();
        Console.WriteLine($"port {new Uri(address).Port}");
        Console.Out.Flush();
        Console.In.ReadToEnd();   // the runner closes our standard input when it is done (or dies)
        app.StopAsync().GetAwaiter().GetResult();
        return 0;
    }

    /// <summary>The runner's side: starts the child and learns its port.</summary>
    public static Child Start()
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(KestrelServer).Assembly.Location);
        start.ArgumentList.Add("kestrel-serve");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the Kestrel child");
        var line = process.StandardOutput.ReadLine();
        if (line is null || !line.StartsWith("port ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"the Kestrel child did not report its port (said: {line ?? "nothing"})");
        }
        return new Child(process, int.Parse(line[5..]));
    }

    /// <summary>A running Kestrel child; disposing it stops it.</summary>
    public sealed class Child(Process process, int port) : IDisposable
    {
        public string BaseUrl { get; } = $"http://127.0.0.1:{port}";

        /// <summary>The child's CPU time so far (the server's cost of what the runner asked).</summary>
        public TimeSpan Cpu
        {
            get { process.Refresh(); return process.TotalProcessorTime; }
        }

        public void Dispose()
        {
            try
            {
                process.StandardInput.Close();
                if (!process.WaitForExit(5000)) process.Kill();
            }
            catch (InvalidOperationException) { }
            process.Dispose();
        }
    }
}
