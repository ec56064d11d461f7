using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Curlew.Bench;

/// <summary>
/// A very long download (issue 15: 10 GiB) to a write callback that drops the bytes, then this process's peak resident
/// memory (VmHWM from /proc/self/status): memory must not grow with the size of the body. Serve a sparse file for it
/// (truncate -s 10G) from nginx, or any endpoint that streams that much.
/// </summary>
internal static class LongStream
{
    public static int Run(string url, bool async)
    {
        long total = 0, nextReport = 1L << 30;
        using var easy = new CurlEasy { Url = url };
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca) easy.SetOpt(CurlOption.CaInfo, ca);
        easy.WriteFunction = (data, _) =>
        {
            total += data.Length;
            if (total >= nextReport)   // flat from here on = memory does not grow with the body
            {
                Console.WriteLine($"  {total >> 30,3} GiB: VmRSS {Status("VmRSS")}, VmHWM {Status("VmHWM")}");
                nextReport += 1L << 30;
            }
            return data.Length;
        };
        Console.WriteLine($"before: VmHWM {Status("VmHWM")}, VmRSS {Status("VmRSS")}");
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var rc = async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform();
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{(async ? "PerformAsync" : "Perform")} {rc}: {total} bytes ({total / (1024.0 * 1024 * 1024):F2} GiB) in {seconds:F1} s, " +
            $"{total / seconds / 1e9:F2} GB/s, CPU {cpuSeconds / (total / 1e9):F3} s/GB");
        Console.WriteLine($"after:  VmHWM {Status("VmHWM")} (peak resident), VmRSS {Status("VmRSS")}, managed heap {GC.GetTotalMemory(false) / 1024} kB");
        SaveMemoryMap();
        return rc == CurlCode.Ok ? 0 : 1;
    }

    /// <summary>With CURLEW_BENCH_SMAPS=file, a copy of /proc/self/smaps: which mappings the resident memory is in.</summary>
    private static void SaveMemoryMap()
    {
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_SMAPS") is { Length: > 0 } path) File.Copy("/proc/self/smaps", path, overwrite: true);
    }

    /// <summary>The same download through HttpClient (SocketsHttpHandler), for comparison: what the runtime's own stack holds.</summary>
    public static int RunHttpClient(string url)
    {
        var handler = Trust.Handler(Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca ? ca : null);
        using var client = new HttpClient(handler);
        Console.WriteLine($"before: VmHWM {Status("VmHWM")}, VmRSS {Status("VmRSS")}");
        var clock = Stopwatch.StartNew();
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        using var body = response.Content.ReadAsStream();
        var buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = body.Read(buffer)) > 0;) total += n;
        Console.WriteLine($"HttpClient {(int)response.StatusCode}: {total} bytes in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"after:  VmHWM {Status("VmHWM")} (peak resident), VmRSS {Status("VmRSS")}, managed heap {GC.GetTotalMemory(false) / 1024} kB");
        return response.IsSuccessStatusCode ? 0 : 1;
    }

    /// <summary>
    /// The same download with no HTTP library: a socket (and SslStream for https, trusting the same CA) that sends one
    /// GET and reads the body in 256 KiB pieces. Its peak is the runtime's own floor for a socket and TLS stream.
    /// </summary>
    public static int RunRaw(string url)
    {
        var target = new Uri(url);
        Console.WriteLine($"before: VmHWM {Status("VmHWM")}, VmRSS {Status("VmRSS")}");
        var clock = Stopwatch.StartNew();
        using var stream = Open(target);
        stream.Write(Encoding.ASCII.GetBytes($"GET {target.PathAndQuery} HTTP/1.1\r\nHost: {target.Authority}\r\n\r\n"));
        var buffer = new byte[256 * 1024];
        int have = 0, headEnd;
        while ((headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
        {
            int n = have < buffer.Length ? stream.Read(buffer.AsSpan(have)) : 0;
            if (n == 0) { Console.WriteLine("raw socket: no complete response head"); return 1; }
            have += n;
        }
        string head = Encoding.ASCII.GetString(buffer, 0, headEnd + 2);   // each line with its CRLF
        int at = head.IndexOf("\r\nContent-Length:", StringComparison.OrdinalIgnoreCase);
        if (!head.StartsWith("HTTP/1.1 200 ", StringComparison.Ordinal) || at < 0
            || !long.TryParse(head.AsSpan(at + 17, head.IndexOf('\r', at + 2) - at - 17).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out long length))
        {
            Console.WriteLine($"raw socket: wants a 200 with a Content-Length, got: {head.Split('\r')[0]}");
            return 1;
        }
        long total = have - headEnd - 4;
        for (int n; total < length && (n = stream.Read(buffer)) > 0;) total += n;
        Console.WriteLine($"raw socket: {total} bytes in {clock.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"after:  VmHWM {Status("VmHWM")} (peak resident), VmRSS {Status("VmRSS")}, managed heap {GC.GetTotalMemory(false) / 1024} kB");
        return total == length ? 0 : 1;
    }

    // A connected stream to the URL's host: the socket's own, or SslStream over it for https (trusting CURLEW_BENCH_CAINFO).
    private static Stream Open(Uri target)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream? stream = null;
        try
        {
            socket.Connect(target.Host, target.Port);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (target.Scheme != "https") return stream;
            var tls = new SslStream(stream);
            stream = tls;
            var policy = Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca ? Trust.Policy(ca) : null;
            tls.AuthenticateAsClient(new SslClientAuthenticationOptions { TargetHost = target.Host, CertificateChainPolicy = policy });
            return tls;
        }
        catch
        {
            if (stream is not null) stream.Dispose();
            else socket.Dispose();
            throw;
        }
    }

    private static string Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..].Trim();
        return "?";
    }
}
