using System.Diagnostics;
using System.Net;

namespace Curlew.Bench;

/// <summary>
/// HttpClient over <see cref="CurlHttpHandler"/> against HttpClient over <see cref="SocketsHttpHandler"/>, in
/// interleaved rounds: sequential keep-alive GETs of a small file (ResponseContentRead, body read in full) with req/s,
/// process CPU µs and managed bytes per request; with a second URL, big downloads (ResponseHeadersRead, the body
/// streamed into a reused buffer) with GB/s and CPU s/GB. The caller waits as the keepalive probe does.
/// </summary>
internal static class HandlerSpeed
{
    public static int Run(string url, int requests, int rounds, string? bigUrl)
    {
        using var curl = new HttpClient(new CurlHttpHandler());
        using var sockets = new HttpClient(new SocketsHttpHandler());
        (string Name, HttpClient Client)[] clients = [("CurlHttpHandler", curl), ("SocketsHttpHandler", sockets)];
        // CURLEW_BENCH_ONLY=CurlHttpHandler (or SocketsHttpHandler) runs one of them, to profile it alone.
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_ONLY") is { Length: > 0 } only) clients = [.. clients.Where(c => c.Name == only)];
        foreach (var (_, client) in clients) Small(client, url, 1000);   // JIT, connection, caches
        for (int round = 0; round < rounds; round++)
        {
            foreach (var (name, client) in clients)
            {
                var cost = PerRequestCost.Measure(requests, () => Small(client, url, requests));
                Console.WriteLine($"small {name,-18} {cost.RequestsPerSecond,8:F0} req/s {cost.CpuMicroseconds,7:F1} CPU us/req {cost.ManagedBytes,7:F0} B/req");
            }
        }
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_ALLOC") is "1")
        {
            // The top allocating types per handler (GCAllocationTick samples), to see what a request costs in memory.
            using var sampler = new AllocationSampler();
            foreach (var (name, client) in clients)
            {
                sampler.Recording = true;
                Small(client, url, requests);
                sampler.Recording = false;
                Console.WriteLine($"{name}: top allocating types");
                sampler.Print(25);
            }
        }
        if (bigUrl is null) return 0;
        var buffer = new byte[64 * 1024];
        for (int round = 0; round < rounds; round++)
        {
            foreach (var (name, client) in clients)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                long total = Big(client, bigUrl, buffer);
                double seconds = clock.Elapsed.TotalSeconds;
                double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                Console.WriteLine($"big   {name,-18} {total / seconds / 1e9,6:F2} GB/s {cpuSeconds / (total / 1e9),6:F3} CPU s/GB ({total} bytes)");
            }
        }
        return 0;
    }

    private static void Small(HttpClient client, string url, int n)
    {
        for (int i = 0; i < n; i++)
        {
            using var response = client.GetAsync(url).GetAwaiter().GetResult();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"request {i}: {response.StatusCode}");
            var body = response.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            if (body.Length == 0) throw new InvalidOperationException($"request {i}: empty body");
        }
    }

    private static long Big(HttpClient client, string url, byte[] buffer)
    {
        using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        using var stream = response.Content.ReadAsStream();
        long total = 0;
        int n;
        while ((n = stream.ReadAsync(buffer).AsTask().GetAwaiter().GetResult()) > 0) total += n;
        return total;
    }
}
