using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Curlew.Bench;

/// <summary>
/// The second server of the end-to-end runner: Kestrel, in a process of its own (so the client's CPU figures are the
/// client's alone), serving <c>/big</c> (<see cref="BigBytes"/> with a Content-Length, written in 256 KiB pieces from
/// one buffer) and <c>/small</c> (20 bytes, like nginx's small.txt), over plain HTTP and over TLS (a certificate for
/// 127.0.0.1 from a CA made at start, written as PEM for the clients to trust). It prints its ports and the CA file and
/// stops when its standard input closes, so it never outlives the runner.
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
        var (certificate, caFile) = MakeCertificates();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate));
        });
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
        int Port(string scheme) => new Uri(app.Urls.First(u => u.StartsWith(scheme + "://", StringComparison.Ordinal))).Port;
        Console.WriteLine($"port {Port("http")} {Port("https")} {caFile}");
        Console.Out.Flush();
        Console.In.ReadToEnd();   // the runner closes our standard input when it is done (or dies)
        app.StopAsync().GetAwaiter().GetResult();
        File.Delete(caFile);
        return 0;
    }

    // A CA and a server certificate for 127.0.0.1 signed by it (ECDSA P-256, as a modern server would use).
    private static (X509Certificate2 Server, string CaFile) MakeCertificates()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Curlew bench CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(29), [1, 5, 15]);
        using var withKey = signed.CopyWithPrivateKey(serverKey);
        // Through PKCS#12 so the key is one SslStream can use as a server on every platform.
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        string caFile = Path.Combine(Path.GetTempPath(), $"curlew-bench-ca-{Environment.ProcessId}.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        return (server, caFile);
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
        string? line = null;
        try { line = process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult(); }
        catch (TimeoutException) { }
        var words = line?.Split(' ');
        if (words is not ["port", var http, var https, var caFile])
        {
            process.Kill();
            process.Dispose();
            throw new InvalidOperationException($"the Kestrel child did not report its ports in time (said: {line ?? "nothing"})");
        }
        return new Child(process, int.Parse(http), int.Parse(https), caFile);
    }

    /// <summary>A running Kestrel child; disposing it stops it.</summary>
    public sealed class Child(Process process, int port, int tlsPort, string caFile) : IDisposable
    {
        public string BaseUrl { get; } = $"http://127.0.0.1:{port}";
        public string TlsBaseUrl { get; } = $"https://127.0.0.1:{tlsPort}";

        /// <summary>The PEM file of the CA that signed the TLS listener's certificate.</summary>
        public string CaFile { get; } = caFile;

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
            File.Delete(CaFile);   // the child deletes it on a clean stop; not if it had to be killed
        }
    }
}
