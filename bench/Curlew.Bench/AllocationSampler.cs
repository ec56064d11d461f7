using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace Curlew.Bench;

/// <summary>
/// Listens to the runtime's GCAllocationTick event (one sample per ~100 KB allocated) in this process and counts
/// the sampled bytes per type: a cheap in-process allocation profile, good enough to rank what a loop allocates.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytesByType = new();
    public bool Recording;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        int nameAt = e.PayloadNames!.IndexOf("TypeName");
        int sizeAt = e.PayloadNames.IndexOf("AllocationAmount64");
        if (nameAt < 0 || sizeAt < 0) return;
        _bytesByType.AddOrUpdate((string)e.Payload[nameAt]!, Convert.ToInt64(e.Payload[sizeAt]), (_, v) => v + Convert.ToInt64(e.Payload[sizeAt]));
    }

    public void Print(int top)
    {
        long total = _bytesByType.Values.Sum();
        foreach (var (type, bytes) in _bytesByType.OrderByDescending(p => p.Value).Take(top))
            Console.WriteLine($"  {100.0 * bytes / total,5:F1} %  {type}");
        _bytesByType.Clear();
    }
}
