using System.Diagnostics;
using System.Text;
using Curlew.Tests.Multi;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// The multi interface against libcurl 7.88.1's: the same steps on both engines; the codes, each handle's result and
/// NumConnects, and each handle's socket callback sequence (between step marks, in any order) must match.
/// </summary>
public sealed class MultiDiffTests(ITestOutputHelper output) : IDisposable
{
    private readonly GateServer _gate = new();

    public void Dispose() => _gate.Dispose();

    [Fact]
    public void Ten_handles_to_one_host_all_finish_ok_each_on_a_connection_of_its_own()
    {
        AssertSame(rig =>
        {
            _gate.Arm(10);
            AddHandles(rig, 10, _ => _gate.Url);
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void Max_host_connections_1_runs_ten_handles_one_after_another_over_one_connection()
    {
        AssertSame(rig =>
        {
            _gate.Arm(0);
            rig.Step($"MAX_HOST_CONNECTIONS 1: {rig.SetOpt(CurlMOption.MaxHostConnections, 1)}");
            AddHandles(rig, 10, _ => _gate.Url);
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void Max_total_connections_1_runs_five_handles_over_one_connection()
    {
        AssertSame(rig =>
        {
            _gate.Arm(0);
            rig.Step($"MAX_TOTAL_CONNECTIONS 1: {rig.SetOpt(CurlMOption.MaxTotalConnections, 1)}");
            AddHandles(rig, 5, _ => _gate.Url);
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void A_handle_to_a_refused_port_fails_alone_among_good_ones()
    {
        int dead = DiffServers.DeadPort();
        AssertSame(rig =>
        {
            _gate.Arm(4);
            AddHandles(rig, 5, i => i == 2 ? $"http://127.0.0.1:{dead}/" : _gate.Url);
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void Adding_twice_adding_to_another_multi_and_removing_give_libcurls_codes()
    {
        AssertSame(rig =>
        {
            _gate.Arm(0);
            AddHandles(rig, 1, _ => _gate.Url);
            rig.Step($"add again: {rig.Add(0)}");
            rig.Step($"easy perform while added: {rig.Handles[0].Perform()} '{rig.Handles[0].ErrorMessage}'");
            using var other = rig is LibCurlMultiRig ? (MultiRig)new LibCurlMultiRig() : new CurlewMultiRig();
            rig.Step($"add to another multi: {AddForeign(other, rig.Handles[0])}");
            rig.Step($"remove from the other multi: {RemoveForeign(other, rig.Handles[0])}");
            Report(rig, rig.RunAll());
            rig.Step($"remove: {rig.Remove(0)}");
            rig.Step($"remove again: {rig.Remove(0)}");
            rig.Step($"easy perform after removal: {rig.Handles[0].Perform()}, NumConnects {rig.Handles[0].NumConnects}");
            rig.Step($"add after removal: {rig.Add(0)}");
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void Removing_a_handle_mid_body_closes_its_connection_and_leaves_the_others_running()
    {
        using var stall = new StallServer();
        AssertSame(rig =>
        {
            _gate.Arm(0);
            AddHandles(rig, 2, i => i == 0 ? stall.Url : _gate.Url);
            rig.RunUntilBody(0);
            rig.Step("mid-body");
            rig.Step($"remove the stalled one mid-body: {rig.Remove(0)}");
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void Cleaning_up_the_multi_mid_body_closes_every_connection_once()
    {
        using var stall = new StallServer();
        AssertSame(rig =>
        {
            _gate.Arm(0);
            AddHandles(rig, 3, i => i < 2 ? stall.Url : _gate.Url);
            rig.RunUntilBody(0);
            rig.RunUntilBody(1);
            rig.RunUntilBody(2);
            rig.Step("mid-body");
            rig.Step($"cleanup mid-body: {rig.Cleanup()}");
            rig.Step($"add after cleanup: {rig.Add(2)}");
        });
    }

    [Fact]
    public async Task Max_total_connections_1_closes_the_idle_connection_to_one_host_to_make_room_for_another()
    {
        var s = await DiffServers.GetAsync();
        AssertSame(rig =>
        {
            rig.Step($"MAX_TOTAL_CONNECTIONS 1: {rig.SetOpt(CurlMOption.MaxTotalConnections, 1)}");
            AddHandles(rig, 1, _ => s.BaseUrl + "/hello");
            Report(rig, rig.RunAll());
            AddHandles(rig, 1, _ => s.Second.BaseUrl + "/hello");
            Report(rig, rig.RunAll());
        });
    }

    [Fact]
    public void MaxConnects_1_keeps_one_of_two_connections_after_two_transfers_at_once()
    {
        AssertSame(rig =>
        {
            _gate.Arm(2);
            rig.Step($"MAXCONNECTS 1: {rig.SetOpt(CurlMOption.MaxConnects, 1)}");
            AddHandles(rig, 2, _ => _gate.Url);
            Report(rig, rig.RunAll());
            rig.Step("both done");
        }, compareEachHandle: false);   // which of the two finishes first (and loses its connection) is timing
    }

    [Fact]
    public void Setopt_codes_match_libcurl_for_the_options_Curlew_has()
    {
        var differences = new List<string>();
        int compared = 0;
        var options = new[] { CurlMOption.Pipelining, CurlMOption.MaxConnects, CurlMOption.MaxHostConnections,
            CurlMOption.MaxTotalConnections, CurlMOption.MaxConcurrentStreams, (CurlMOption)99, (CurlMOption)0 };
        foreach (var option in options)
            foreach (long value in new long[] { -1, 0, 1, 2, 3, 100 })
            {
                using var lib = new LibCurlMultiRig();
                using var cur = new CurlewMultiRig();
                int l = lib.SetOpt(option, value), c = cur.SetOpt(option, value);
                compared++;
                bool deliberate = option == CurlMOption.Pipelining && value is < 0 or > 3;   // Curlew refuses unknown bits
                if (deliberate)
                {
                    if (c != (int)CurlMCode.BadFunctionArgument) differences.Add($"{option} {value}: Curlew {c}, expected 10");
                }
                else if (l != c) differences.Add($"{option} {value}: libcurl {l}, Curlew {c}");
            }
        Assert.True(compared >= 40, $"only {compared} codes compared");
        Assert.True(differences.Count == 0, "curl_multi_setopt differs:\n  " + string.Join("\n  ", differences));
    }

    [Fact]
    public void StrError_texts_match_curl_multi_strerror()
    {
        for (int code = -2; code <= 14; code++)
            Assert.Equal(LibCurlMultiRig.StrError(code), CurlMulti.StrError((CurlMCode)code));
    }

    [Fact]
    public void Wait_on_an_empty_multi_returns_at_once_and_Poll_sleeps_its_timeout_on_both_engines()
    {
        foreach (MultiRig rig in new MultiRig[] { new LibCurlMultiRig(), new CurlewMultiRig() })
            using (rig)
            {
                var clock = Stopwatch.StartNew();
                int waited = rig is CurlewMultiRig c ? (int)c.Multi.Wait(1000, out _) : LibCurlNative.curl_multi_wait(((LibCurlMultiRig)rig).Multi, 0, 0, 1000, out _);
                var waitMs = clock.ElapsedMilliseconds;
                clock.Restart();
                int polled = rig.Poll(300);
                var pollMs = clock.ElapsedMilliseconds;
                output.WriteLine($"{rig.Engine}: wait {waited} after {waitMs} ms, poll {polled} after {pollMs} ms");
                Assert.Equal(0, waited);
                Assert.Equal(0, polled);
                Assert.True(waitMs < 500, $"{rig.Engine}: an empty wait took {waitMs} ms");
                Assert.True(pollMs >= 299, $"{rig.Engine}: a 300 ms poll returned after {pollMs} ms");
            }
    }

    private static int AddForeign(MultiRig other, IDiffEasy easy) => other switch
    {
        LibCurlMultiRig l => LibCurlNative.curl_multi_add_handle(l.Multi, ((LibCurlEasy)easy).Handle),
        CurlewMultiRig c => (int)c.Multi.AddHandle(((CurlewRecorder)easy).Easy),
        _ => throw new InvalidOperationException(),
    };

    private static int RemoveForeign(MultiRig other, IDiffEasy easy) => other switch
    {
        LibCurlMultiRig l => LibCurlNative.curl_multi_remove_handle(l.Multi, ((LibCurlEasy)easy).Handle),
        CurlewMultiRig c => (int)c.Multi.RemoveHandle(((CurlewRecorder)easy).Easy),
        _ => throw new InvalidOperationException(),
    };

    private static void AddHandles(MultiRig rig, int count, Func<int, string> url)
    {
        var codes = new List<int>();
        for (int i = 0; i < count; i++)
        {
            int n = rig.NewHandle();
            rig.Handles[n].Url = url(i);
            rig.Handles[n].ConnectTimeoutMs = 10_000;
            codes.Add(rig.Add(n));
        }
        rig.Step($"added {count}: {string.Join(" ", codes)}");
    }

    private static void Report(MultiRig rig, SortedDictionary<int, int> results)
    {
        var text = new StringBuilder("done:");
        foreach (var (handle, result) in results)
            text.Append($" [{handle}] {result}/{rig.Handles[handle].NumConnects}/{Encoding.ASCII.GetString(rig.Handles[handle].Body).Trim()}");
        text.Append($"; NumConnects total {rig.Handles.Sum(h => h.NumConnects)}");
        foreach (var h in rig.Handles) h.ClearReceived();
        rig.Step(text.ToString());
    }

    private void AssertSame(Action<MultiRig> scenario, bool compareEachHandle = true)
    {
        var lib = Run(new LibCurlMultiRig(), scenario);
        var cur = Run(new CurlewMultiRig(), scenario);
        var report = new StringBuilder();
        bool same = lib.Log.SequenceEqual(cur.Log) && lib.Handles.Count == cur.Handles.Count
            && (compareEachHandle
                ? lib.Handles.Zip(cur.Handles).All(p => p.First.SequenceEqual(p.Second))
                : AllHandles(lib).SequenceEqual(AllHandles(cur)));
        Describe(report, "libcurl", lib);
        Describe(report, "Curlew", cur);
        output.WriteLine(report.ToString());
        Assert.True(same, "libcurl and Curlew differ:\n" + report);
    }

    // Every callback of every handle, with the step it came before, in one sorted list.
    private static List<string> AllHandles(Outcome o)
    {
        var all = new List<string>();
        foreach (var keys in o.Handles)
        {
            var pending = new List<string>();
            foreach (var k in keys)
            {
                if (!k.StartsWith("--", StringComparison.Ordinal)) { pending.Add(k); continue; }
                all.AddRange(pending.Select(p => $"{p} before {k}"));
                pending.Clear();
            }
            all.AddRange(pending.Select(p => $"{p} at the end"));
        }
        all.Sort(StringComparer.Ordinal);
        return all;
    }

    private sealed record Outcome(List<string> Log, List<List<string>> Handles);

    private static Outcome Run(MultiRig rig, Action<MultiRig> scenario)
    {
        try { scenario(rig); }
        finally { rig.Dispose(); }
        var errors = new List<Exception>();
        foreach (var easy in rig.Handles)
            errors.AddRange(easy switch { LibCurlEasy l => l.CallbackErrors, CurlewRecorder c => c.CallbackErrors, _ => [] });
        if (errors.Count > 0) throw new AggregateException($"{rig.Engine}: callback errors", errors);
        return new Outcome(rig.Log, [.. rig.Handles.Select(Keys)]);
    }

    // Transfers run side by side, so between two marks only which callbacks ran is compared, not their order.
    private static List<string> Keys(IDiffEasy easy)
    {
        var keys = new List<string>();
        var run = new List<string>();
        foreach (var e in easy.Events)
        {
            if (e.Kind != SockEventKind.Mark) { run.Add(e.Key); continue; }
            keys.AddRange(run.Order(StringComparer.Ordinal));
            run.Clear();
            keys.Add(e.Key);
        }
        keys.AddRange(run.Order(StringComparer.Ordinal));
        return keys;
    }

    private static void Describe(StringBuilder report, string engine, Outcome o)
    {
        report.AppendLine($"== {engine}");
        foreach (var line in o.Log) report.AppendLine("  " + line);
        for (int i = 0; i < o.Handles.Count; i++)
        {
            report.AppendLine($"  handle {i}:");
            foreach (var k in o.Handles[i]) report.AppendLine("    " + k);
        }
    }
}
