using System.Diagnostics;

namespace Curlew.Bench;

/// <summary>
/// Downloads to a counting write callback on one handle, several times: bytes, wall time and this process's CPU time
/// per GB for each round (the first one carries the JIT and the connection; look at the later ones). With
/// <c>fresh</c>, every round opens a new connection (as ../shared/perf/run does), so per-connection tuning shows.
/// </summary>
internal static class BigDownload
{
    public static int Run(string url, bool async, int rounds, bool fresh)
    {
        long total = 0;
        using var easy = new CurlEasy { Url = url, ForbidReuse = fresh };
        if (Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } ca) easy.SetOpt(CurlOption.CaInfo, ca);
        easy.WriteFunction = (data, _) => { total += data.Length; return data.Length; };
        for (int round = 0; round < rounds; round++)
        {
            total = 0;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var rc = async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform();
            double seconds = clock.Elapsed.TotalSeconds;
            double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"{(async ? "PerformAsync" : "Perform")} {rc}: {total} bytes in {seconds:F3} s, CPU {cpuSeconds:F3} s = {cpuSeconds / (total / 1e9):F3} CPU s/GB");
            if (rc != CurlCode.Ok) return 1;
        }
        return 0;
    }
}
