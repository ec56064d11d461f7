namespace Curlew.Bench;

/// <summary>
/// Managed bytes per keep-alive GET whose body goes to a write callback, on one reused handle (issue 15's goal:
/// at most 256), for Perform and PerformAsync, measured with GC.GetTotalAllocatedBytes(precise) over many requests
/// after a warm-up, then sampled by type.
/// </summary>
internal static class KeepAliveAllocations
{
    public static int Run(string url, int requests)
    {
        using var sampler = new AllocationSampler();
        foreach (bool async in new[] { false, true })
        {
            using var easy = new CurlEasy { Url = url };
            easy.WriteFunction = static (data, _) => data.Length;
            if (Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca) easy.SetOpt(CurlOption.CaInfo, ca);
            Many(easy, async, 500);   // JIT, connection, caches
            long before = GC.GetTotalAllocatedBytes(precise: true);
            Many(easy, async, requests);
            double perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)requests;
            Console.WriteLine($"{(async ? "PerformAsync" : "Perform"),-13} {perRequest,8:F0} B/request over {requests} requests");
            sampler.Recording = true;
            Many(easy, async, requests);
            sampler.Recording = false;
            sampler.Print(25);
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
