
namespace Curlew.Bench;

/// <summary>
/// CPU per keep-alive GET (this process, all threads), requests per second and managed bytes per request, for
/// Perform or PerformAsync on one reused handle: the figure to profile against (run it under perf, strace -c or
/// dotnet-trace). The caller waits for PerformAsync as the perf harness does (GetAwaiter().GetResult()).
/// </summary>
internal static class KeepAliveCpu
{
    public static int Run(string url, bool async, int requests, int rounds)
    {
        using var easy = new CurlEasy { Url = url };
        // A private test CA for an https URL (the perf harness makes one: /tmp/curlew-perf/ca.pem).
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca) easy.SetOpt(CurlOption.CaInfo, ca);
        // An overall deadline, as most callers set one (CURLEW_BENCH_TIMEOUT_MS): it arms a timer in every transfer.
        if (long.TryParse(Environment.GetEnvironmentVariable("CURLEW_BENCH_TIMEOUT_MS"), out long timeoutMs)) easy.TimeoutMs = timeoutMs;
        easy.WriteFunction = static (data, _) => data.Length;
        Many(easy, async, 1000);   // JIT, connection, caches
        for (int round = 0; round < rounds; round++)
        {
            var cost = PerRequestCost.Measure(requests, () => Many(easy, async, requests));
            Console.WriteLine($"{(async ? "PerformAsync" : "Perform"),-13} {cost.RequestsPerSecond,8:F0} req/s {cost.CpuMicroseconds,7:F1} CPU us/req {cost.ManagedBytes,6:F0} B/req");
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
}
