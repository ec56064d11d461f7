
namespace Curlew.Bench;

/// <summary>
/// CPU per keep-alive GET (this process, all threads), requests per second and managed bytes per request, for
/// Perform or PerformAsync on one reused handle: the figure to profile against (run it under perf, strace -c or
/// dotnet-trace). Modes: <c>sync</c> (Perform), <c>async</c> (PerformAsync, the caller blocking on each as the perf
/// harness does), <c>awaited</c> (PerformAsync awaited in an asynchronous loop, as an application would), and for
/// comparison <c>httpclient</c> (HttpClient's synchronous Send, as the perf harness) and <c>httpclient-awaited</c>
/// (its SendAsync awaited in a loop).
/// </summary>
internal static class KeepAliveCpu
{
    public static int Run(string url, string mode, int requests, int rounds)
    {
        using var easy = new CurlEasy { Url = url };
        // A private test CA for an https URL (the perf harness makes one: /tmp/curlew-perf/ca.pem).
        string? caFile = Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca ? ca : null;
        if (caFile is not null) easy.SetOpt(CurlOption.CaInfo, caFile);
        // An overall deadline, as most callers set one (CURLEW_BENCH_TIMEOUT_MS): it arms a timer in every transfer.
        if (long.TryParse(Environment.GetEnvironmentVariable("CURLEW_BENCH_TIMEOUT_MS"), out long timeoutMs)) easy.TimeoutMs = timeoutMs;
        easy.WriteFunction = static (data, _) => data.Length;
        using var client = mode.StartsWith("httpclient", StringComparison.Ordinal) ? new HttpClient(Trust.Handler(caFile)) : null;
        Action<int> many = mode switch
        {
            "sync" => n => Many(easy, async: false, n),
            "async" => n => Many(easy, async: true, n),
            "awaited" => n => AwaitedAsync(easy, n).GetAwaiter().GetResult(),
            "httpclient-awaited" => n => HttpClientAwaitedAsync(client!, url, n).GetAwaiter().GetResult(),
            "httpclient" => n => HttpClientSend(client!, url, n),
            _ => throw new ArgumentException($"unknown mode {mode}: sync, async, awaited, httpclient or httpclient-awaited"),
        };
        many(1000);   // JIT, connection, caches
        for (int round = 0; round < rounds; round++)
        {
            var cost = PerRequestCost.Measure(requests, () => many(requests));
            Console.WriteLine($"{mode,-19} {cost.RequestsPerSecond,8:F0} req/s {cost.CpuMicroseconds,7:F1} CPU us/req {cost.ManagedBytes,6:F0} B/req");
        }
        return 0;
    }

    private static void Many(CurlEasy easy, bool async, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var rc = async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform();
            if (rc != CurlCode.Ok) throw new InvalidOperationException($"request {i}: {rc} {easy.ErrorMessage}");
        }
    }

    private static async Task AwaitedAsync(CurlEasy easy, int n)
    {
        for (int i = 0; i < n; i++)
        {
            var rc = await easy.PerformAsync();
            if (rc != CurlCode.Ok) throw new InvalidOperationException($"request {i}: {rc} {easy.ErrorMessage}");
        }
    }

    // As the perf harness's HttpClient peer: the synchronous Send, the body read in full.
    private static void HttpClientSend(HttpClient client, string url, int n)
    {
        var buffer = new byte[4096];
        for (int i = 0; i < n; i++)
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            using var body = response.Content.ReadAsStream();
            while (body.Read(buffer) > 0) { }
            response.EnsureSuccessStatusCode();
        }
    }

    private static async Task HttpClientAwaitedAsync(HttpClient client, string url, int n)
    {
        var buffer = new byte[4096];
        for (int i = 0; i < n; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0) { }
            response.EnsureSuccessStatusCode();
        }
    }
}
