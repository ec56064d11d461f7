using System.Diagnostics;

namespace Curlew.Bench;

/// <summary>One download to a counting write callback: bytes, wall time and this process's CPU time per GB.</summary>
internal static class BigDownload
{
    public static int Run(string url, bool async)
    {
        long total = 0;
        using var easy = new CurlEasy { Url = url };
        easy.WriteFunction = (data, _) => { total += data.Length; return data.Length; };
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var rc = async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform();
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine($"{(async ? "PerformAsync" : "Perform")} {rc}: {total} bytes in {seconds:F3} s, CPU {cpuSeconds:F3} s = {cpuSeconds / (total / 1e9):F3} CPU s/GB");
        return rc == CurlCode.Ok ? 0 : 1;
    }
}
