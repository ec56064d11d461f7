namespace Curlew.Async;

/// <summary>
/// Free boxes of one type: a slot per thread, then a few shared slots any thread can take from.
/// </summary>
/// <remarks>
/// Why not the runtime's pool (PoolingAsyncValueTaskMethodBuilder): it keeps one box per thread and one per core, and
/// a box goes back on the thread that reads the result. When a transfer is started on one thread and resumed by the
/// thread pool (every asynchronous receive), boxes are taken on the first and given back on the second, so the first
/// found its own slot empty and, on two cores, the core's slot taken about half the time: measured against Kestrel,
/// 500-1,600 managed bytes per keep-alive request. The shared slots let the thread that gives back feed the thread that
/// takes.
/// </remarks>
internal static class BoxPool<TBox> where TBox : class
{
    private static readonly int SharedSlots = Math.Clamp(Environment.ProcessorCount * 2, 4, 32);
    private static readonly TBox?[] Shared = new TBox?[SharedSlots];
    [ThreadStatic] private static TBox? t_local;

    public static TBox? Rent()
    {
        var local = t_local;
        if (local is not null)
        {
            t_local = null;
            return local;
        }
        var shared = Shared;
        for (int i = 0; i < shared.Length; i++)
        {
            if (Volatile.Read(ref shared[i]) is not null && Interlocked.Exchange(ref shared[i], null) is { } box) return box;
        }
        return null;
    }

    public static void Return(TBox box)
    {
        if (t_local is null)
        {
            t_local = box;
            return;
        }
        var shared = Shared;
        for (int i = 0; i < shared.Length; i++)
        {
            if (Volatile.Read(ref shared[i]) is null && Interlocked.CompareExchange(ref shared[i], box, null) is null) return;
        }
        // All full: this one is left to the garbage collector.
    }
}
