using Curlew.Cli.Args;
using Curlew.Cli.Text;

namespace Curlew.Cli.Transfer;

/// <summary>
/// -Z: every transfer of every group, at most --parallel-max at a time, each on its own handle through PerformAsync.
/// Bodies for standard output are written as they arrive (so they may interleave, as with curl); errors are reported
/// as transfers finish, and the exit code is the last failure's in finishing order (a later success does not clear
/// it, unlike a serial run). curl's parallel meter replaces the per-transfer one.
/// </summary>
internal sealed class ParallelRunner(List<CliOptions> groups, Stream stdout, Stream stderrStream, TextWriter stderr)
{
    private readonly object _gate = new();
    private int _exit;

    public int Run()
    {
        // Callbacks of concurrent transfers write to the same two streams.
        var sharedOut = Stream.Synchronized(stdout);
        var sharedErr = TextWriter.Synchronized(stderr);
        using var trace = Curlew.Cli.Trace.TraceTarget.For(groups[^1].Trace, sharedOut, stderrStream);
        var planned = new List<PlannedTransfer>();
        foreach (var group in groups)
        {
            var runner = new TransferRunner(group, sharedOut, stderrStream, sharedErr) { SharedTrace = trace };
            if (!runner.TryBuildBody(out byte[]? body, out int bodyExit)) return bodyExit;
            for (int i = 0; i < group.Urls.Count; i++)
            {
                var transfers = TransferPlan.ForUrl(group, runner, i, body, sharedErr);
                if (transfers == null) return TransferPlan.MalformedUrlExit;
                planned.AddRange(transfers);
            }
        }
        var last = groups[^1];
        // curl sets up to --parallel-max transfers up at a time. An unreadable -T file among the first batch stops
        // the run before anything starts, the error reported once for it and once for each transfer set up before
        // it; a later one lets the transfers before it run first (measured with curl 7.88.1: 3 files, max 1, 2, 50).
        int unreadable = planned.FindIndex(t => TransferRunner.CannotOpen(t.UploadFile));
        if (unreadable < 0) return RunAll(planned, last, sharedOut, sharedErr);
        var refused = planned[unreadable];
        if (unreadable < last.ParallelMax) return refused.Runner.RefuseUpload(refused.UploadFile!, errors: unreadable + 1);
        RunAll(planned.GetRange(0, unreadable), last, sharedOut, sharedErr);
        return refused.Runner.RefuseUpload(refused.UploadFile!, errors: 1);
    }

    private int RunAll(List<PlannedTransfer> planned, CliOptions last, Stream sharedOut, TextWriter sharedErr)
    {
        var meter = last.NoProgressMeter ? null : new ParallelMeter(sharedErr);
        meter?.Start(planned.Count);
        using var slots = new SemaphoreSlim((int)last.ParallelMax);
        // curl runs -Z transfers in one multi handle, whose connection cache they all use: a transfer that starts
        // after another one to the same host has finished reuses its connection. A share of CONNECT does the same
        // for these separate handles (each disposed as its transfer ends; the share closes what is left).
        using var connections = new CurlShare();
        connections.Share(CurlLockData.Connect);
        var all = planned.Select(t => RunAsync(t, slots, meter, connections)).ToArray();
        Task.WaitAll(all);
        meter?.Finish(planned.Count);
        sharedOut.Flush();
        return _exit;
    }

    private async Task RunAsync(PlannedTransfer t, SemaphoreSlim slots, ParallelMeter? meter, CurlShare connections)
    {
        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            using var easy = new CurlEasy { Share = connections };
            int code = await t.Runner.RunOneAsync(easy, t, parallel: true).ConfigureAwait(false);
            meter?.Add(easy);
            lock (_gate) if (code != 0) _exit = code;
        }
        finally
        {
            slots.Release();
        }
    }
}
