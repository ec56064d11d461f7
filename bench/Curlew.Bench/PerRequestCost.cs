using System.Diagnostics;

namespace Curlew.Bench;

/// <summary>
/// What a batch of requests cost this process: requests per second, CPU microseconds per request (all threads) and
/// managed bytes allocated per request. The one measurement the keep-alive probes share.
/// </summary>
internal readonly record struct PerRequestCost(double RequestsPerSecond, double CpuMicroseconds, double ManagedBytes)
{
    /// <summary>Runs <paramref name="batch"/> (which makes <paramref name="requests"/> requests) and measures it.</summary>
    public static PerRequestCost Measure(int requests, Action batch)
    {
        long bytes = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        batch();
        double seconds = clock.Elapsed.TotalSeconds;
        double cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / requests;
        double perRequest = (GC.GetTotalAllocatedBytes(precise: true) - bytes) / (double)requests;
        return new PerRequestCost(requests / seconds, cpuUs, perRequest);
    }
}
