using System.Text;

namespace Curlew.Tests.Differential;

/// <summary>What one perform left behind.</summary>
public sealed record PerformSnapshot(
    int Code,
    string? ErrorMessage,
    long ResponseCode,
    long NumConnects,
    string? PrimaryIp,
    long PrimaryPort,
    string? EffectiveUrl,
    long RedirectCount,
    string? ContentType,
    long SizeDownload,
    byte[] Body,
    IReadOnlyList<string> StatusLines,
    IReadOnlyList<string> EchoHeaders);

/// <summary>Everything one engine did in one case.</summary>
public sealed record Outcome(string Engine, IReadOnlyList<PerformSnapshot> Performs, IReadOnlyList<SockEvent> Events, IReadOnlyList<string> CallbackErrors)
{
    public int Code => Performs.Count == 0 ? -1 : Performs[^1].Code;

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"[{Engine}]");
        for (var i = 0; i < Performs.Count; i++)
        {
            var p = Performs[i];
            text.AppendLine($"  perform {i}: code={p.Code} ({p.ErrorMessage}) response={p.ResponseCode} connects={p.NumConnects} " +
                $"primary={p.PrimaryIp}:{p.PrimaryPort} url={p.EffectiveUrl} redirects={p.RedirectCount} type={p.ContentType} " +
                $"size={p.SizeDownload} body={p.Body.Length}B status=[{string.Join(" | ", p.StatusLines)}] x=[{string.Join(", ", p.EchoHeaders)}]");
        }
        foreach (var e in Events) text.AppendLine("  " + e);
        foreach (var error in CallbackErrors) text.AppendLine("  callback error: " + error);
        return text.ToString();
    }
}

/// <summary>
/// A difference from libcurl stated by the case that expects it (only for bugs of the system libcurl 7.88.1 that newer
/// libcurl and API.md resolve the other way): both outcomes are normalised before the equality check, and
/// <see cref="Verify"/> checks that the difference is exactly the stated one, so a fixed libcurl makes the test fail.
/// </summary>
public sealed record KnownDifference(
    string Why,
    Func<Outcome, Outcome> NormalizeLibcurl,
    Func<Outcome, Outcome> NormalizeCurlew,
    Func<Outcome, Outcome, string?> Verify);

/// <summary>One transfer scenario, run the same way on both engines.</summary>
public sealed class DiffScenario
{
    public SocketPolicy Policy { get; init; } = SocketPolicy.Default;

    /// <summary>Options set once on the fresh handle.</summary>
    public required Action<IDiffEasy> Setup { get; init; }

    public int Performs { get; init; } = 1;

    /// <summary>Runs before perform <c>i</c> (from 0): change options between performs.</summary>
    public Action<IDiffEasy, int>? BeforePerform { get; init; }

    public KnownDifference? Known { get; init; }

    /// <summary>
    /// Applied to both engines' callback events before they are compared: for values that are random per run and not
    /// a difference at all (an FTP server's passive data ports). Null = compared as recorded.
    /// </summary>
    public Func<SockEvent, SockEvent>? Canonical { get; init; }

    /// <summary>Expected final code, as a sanity check that the case tests what it says (checked on libcurl too).</summary>
    public int? ExpectCode { get; init; }
}

/// <summary>Which of Curlew's two I/O paths runs a case: blocking sockets (<c>Perform</c>) or async sockets (<c>PerformAsync</c>).</summary>
public enum CurlewMode
{
    Sync,
    Async,
}

public static class CurlewModes
{
    public static readonly CurlewMode[] All = [CurlewMode.Sync, CurlewMode.Async];

    /// <summary>The suffix that names a theory row: "plain GET [async]".</summary>
    public static string Tag(this CurlewMode mode) => mode == CurlewMode.Async ? "[async]" : "[sync]";

    public static string Row(string caseName, CurlewMode mode) => $"{caseName} {mode.Tag()}";

    /// <summary>Splits a row name into the case name and the mode (no suffix = sync).</summary>
    public static (string Name, CurlewMode Mode) Parse(string row)
    {
        foreach (var mode in All)
            if (row.EndsWith(" " + mode.Tag(), StringComparison.Ordinal)) return (row[..^(mode.Tag().Length + 1)], mode);
        return (row, CurlewMode.Sync);
    }
}

/// <summary>A named case: builds its scenario from the shared servers.</summary>
public sealed record DiffCase(string Name, Func<DiffServers, DiffScenario> Build)
{
    public override string ToString() => Name;
}

/// <summary>The result of running one case on both engines.</summary>
public sealed record DiffResult(string Name, Outcome Libcurl, Outcome Curlew, IReadOnlyList<string> Differences, string? KnownDifference)
{
    public bool Identical => Differences.Count == 0;

    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine($"case '{Name}': {(Identical ? "identical" : $"{Differences.Count} difference(s)")}" +
            (KnownDifference is null ? "" : $" (allowed known difference: {KnownDifference})"));
        foreach (var d in Differences) text.AppendLine("  DIFF " + d);
        text.Append(Libcurl.Describe());
        text.Append(Curlew.Describe());
        return text.ToString();
    }
}

/// <summary>Runs a scenario on libcurl and on Curlew and compares what matters.</summary>
public static class DiffHarness
{
    /// <summary>Every transfer gets this whole-transfer timeout unless the case sets one, so a hang fails instead of blocking the run.</summary>
    public const long DefaultTimeoutMs = 15_000;

    private static readonly TimeSpan PerformGuard = TimeSpan.FromSeconds(40);

    /// <summary>Runs the case on libcurl and on Curlew through <paramref name="mode"/>'s I/O path.</summary>
    public static DiffResult Run(DiffCase diffCase, CurlewMode mode = CurlewMode.Sync)
    {
        var servers = DiffServers.Get();
        var scenario = diffCase.Build(servers);
        var lib = RunLibcurl(scenario);
        var cur = RunCurlew(scenario, mode);
        return Judge(CurlewModes.Row(diffCase.Name, mode), scenario, lib, cur);
    }

    /// <summary>Runs the case once on libcurl and on both Curlew paths; each Curlew run is compared with that one libcurl result.</summary>
    public static IReadOnlyList<DiffResult> RunBothModes(DiffCase diffCase)
    {
        var servers = DiffServers.Get();
        var scenario = diffCase.Build(servers);
        var lib = RunLibcurl(scenario);
        return [.. CurlewModes.All.Select(mode => Judge(CurlewModes.Row(diffCase.Name, mode), scenario, lib, RunCurlew(scenario, mode)))];
    }

    public static Outcome RunLibcurl(DiffScenario scenario) =>
        RunOne(() => new LibCurlEasy(scenario.Policy), scenario, e => ((LibCurlEasy)e).CallbackErrors);

    public static Outcome RunCurlew(DiffScenario scenario, CurlewMode mode) =>
        RunOne(() => new CurlewRecorder(scenario.Policy, mode), scenario, e => ((CurlewRecorder)e).CallbackErrors);

    private static DiffResult Judge(string name, DiffScenario scenario, Outcome lib, Outcome cur)
    {
        if (scenario.Canonical is { } canonical)
        {
            lib = lib with { Events = [.. lib.Events.Select(canonical)] };
            cur = cur with { Events = [.. cur.Events.Select(canonical)] };
        }
        var differences = new List<string>();
        if (scenario.ExpectCode is int expected && lib.Code != expected)
            differences.Add($"libcurl returned {lib.Code}, the case expects {expected}: the scenario is not testing what it says");
        if (scenario.Known is { } known)
        {
            var why = known.Verify(lib, cur);
            if (why is not null) differences.Add("known difference does not hold as stated: " + why);
            differences.AddRange(Compare(known.NormalizeLibcurl(lib), known.NormalizeCurlew(cur)));
        }
        else
        {
            differences.AddRange(Compare(lib, cur));
        }
        return new DiffResult(name, lib, cur, differences, scenario.Known?.Why);
    }

    public static Outcome RunOne(Func<IDiffEasy> create, DiffScenario scenario, Func<IDiffEasy, List<Exception>> errors)
    {
        // A dedicated thread runs the blocking performs (libcurl, Curlew's Perform); Curlew's PerformAsync is awaited,
        // so after its first await the rest runs on the thread pool, as an async caller's would.
        var work = Task.Factory.StartNew(async () =>
        {
            var snapshots = new List<PerformSnapshot>();
            var easy = create();
            try
            {
                easy.TimeoutMs = DefaultTimeoutMs;
                scenario.Setup(easy);
                for (var i = 0; i < scenario.Performs; i++)
                {
                    scenario.BeforePerform?.Invoke(easy, i);
                    easy.ClearReceived();
                    var code = easy is CurlewRecorder { Mode: CurlewMode.Async } recorder
                        ? await recorder.PerformAsync()
                        : easy.Perform();
                    snapshots.Add(Snapshot(easy, code));
                    easy.Mark($"perform {i} returned");
                }
                easy.Mark("cleanup");
            }
            finally
            {
                easy.Dispose();
            }
            List<string> problems;
            lock (errors(easy)) problems = [.. errors(easy).Select(e => e.Message)];
            return new Outcome(easy.Engine, snapshots, easy.Events, problems);
        }, TaskCreationOptions.LongRunning).Unwrap();
        if (!work.Wait(PerformGuard))
            throw new TimeoutException($"a perform did not return within {PerformGuard.TotalSeconds} s (TimeoutMs was set): the engine hangs");
        return work.Result;
    }

    private static PerformSnapshot Snapshot(IDiffEasy easy, int code)
    {
        var headers = easy.HeaderLines;
        var status = headers.Where(h => h.StartsWith("HTTP/", StringComparison.Ordinal)).ToList();
        // The X-* headers of the last response: /echo reports the method and body framing the server saw.
        var lastStart = -1;
        for (var i = 0; i < headers.Count; i++)
            if (headers[i].StartsWith("HTTP/", StringComparison.Ordinal)) lastStart = i;
        var echo = lastStart < 0 ? [] : headers.Skip(lastStart)
            .Where(h => h.StartsWith("X-", StringComparison.OrdinalIgnoreCase) && !h.StartsWith("X-Huge", StringComparison.Ordinal)
                        && !h.StartsWith("X-Filler", StringComparison.Ordinal)
                        && !h.StartsWith("X-Session-Reused", StringComparison.Ordinal))   // a TLS session cache artefact, not behaviour
            .ToList();
        return new PerformSnapshot(code, easy.ErrorMessage, easy.ResponseCode, easy.NumConnects, easy.PrimaryIp, easy.PrimaryPort,
            easy.EffectiveUrl, easy.RedirectCount, easy.ContentType, easy.SizeDownload, easy.Body, status, echo);
    }

    /// <summary>The differences that matter; empty = identical.</summary>
    public static List<string> Compare(Outcome lib, Outcome cur)
    {
        var d = new List<string>();
        if (lib.Performs.Count != cur.Performs.Count)
            d.Add($"performs: libcurl ran {lib.Performs.Count}, Curlew {cur.Performs.Count}");
        for (var i = 0; i < Math.Min(lib.Performs.Count, cur.Performs.Count); i++)
        {
            var l = lib.Performs[i];
            var c = cur.Performs[i];
            var at = lib.Performs.Count > 1 ? $"perform {i}: " : "";
            if (l.Code != c.Code) d.Add($"{at}code: libcurl {l.Code} ({l.ErrorMessage}), Curlew {c.Code} ({c.ErrorMessage})");
            if (l.ResponseCode != c.ResponseCode) d.Add($"{at}response code: libcurl {l.ResponseCode}, Curlew {c.ResponseCode}");
            if (l.NumConnects != c.NumConnects) d.Add($"{at}NumConnects: libcurl {l.NumConnects}, Curlew {c.NumConnects}");
            if (!l.Body.AsSpan().SequenceEqual(c.Body)) d.Add($"{at}body: libcurl {l.Body.Length} bytes, Curlew {c.Body.Length} bytes{FirstDifference(l.Body, c.Body)}");
            if (!l.StatusLines.SequenceEqual(c.StatusLines))
                d.Add($"{at}status lines: libcurl [{string.Join(" | ", l.StatusLines)}], Curlew [{string.Join(" | ", c.StatusLines)}]");
            if (!l.EchoHeaders.SequenceEqual(c.EchoHeaders, StringComparer.OrdinalIgnoreCase))
                d.Add($"{at}server-reported X- headers: libcurl [{string.Join(", ", l.EchoHeaders)}], Curlew [{string.Join(", ", c.EchoHeaders)}]");
            if (l.Code == 0 && c.Code == 0)
            {
                if (l.PrimaryIp != c.PrimaryIp) d.Add($"{at}PrimaryIp: libcurl {l.PrimaryIp}, Curlew {c.PrimaryIp}");
                if (l.PrimaryPort != c.PrimaryPort) d.Add($"{at}PrimaryPort: libcurl {l.PrimaryPort}, Curlew {c.PrimaryPort}");
                if (l.EffectiveUrl != c.EffectiveUrl) d.Add($"{at}EffectiveUrl: libcurl {l.EffectiveUrl}, Curlew {c.EffectiveUrl}");
                if (l.RedirectCount != c.RedirectCount) d.Add($"{at}RedirectCount: libcurl {l.RedirectCount}, Curlew {c.RedirectCount}");
                if (l.ContentType != c.ContentType) d.Add($"{at}ContentType: libcurl {l.ContentType ?? "null"}, Curlew {c.ContentType ?? "null"}");
                if (l.SizeDownload != c.SizeDownload) d.Add($"{at}SizeDownload: libcurl {l.SizeDownload}, Curlew {c.SizeDownload}");
            }
        }
        var lk = Comparable(lib.Events);
        var ck = Comparable(cur.Events);
        if (!lk.SequenceEqual(ck))
        {
            var text = new StringBuilder("callback sequence differs:");
            for (var i = 0; i < Math.Max(lk.Count, ck.Count); i++)
            {
                var l = i < lk.Count ? lk[i] : "(none)";
                var c = i < ck.Count ? ck[i] : "(none)";
                text.Append($"\n      {(l == c ? "  " : "!=")} libcurl: {l,-75} Curlew: {c}");
            }
            d.Add(text.ToString());
        }
        foreach (var error in lib.CallbackErrors) d.Add("libcurl-side callback error (harness problem): " + error);
        foreach (var error in cur.CallbackErrors) d.Add("Curlew-side callback error: " + error);
        return d;
    }

    /// <summary>
    /// The callback sequence as compared. The closes that come after the "cleanup" mark are sorted: libcurl 7.88.1
    /// closes its cached connections at curl_easy_cleanup in connection-hash order, which depends on the port numbers
    /// and changes from run to run (observed both ways for the same scenario), so only which sockets get closed there
    /// is defined, not the order.
    /// </summary>
    private static List<string> Comparable(IReadOnlyList<SockEvent> events)
    {
        var keys = events.Select(e => e.Key).ToList();
        var cleanup = keys.IndexOf(SockEvent.Mark("cleanup").Key);
        if (cleanup < 0) return keys;
        var tail = keys.Skip(cleanup + 1).Order(StringComparer.Ordinal);
        return [.. keys.Take(cleanup + 1), .. tail];
    }

    private static string FirstDifference(byte[] a, byte[] b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
            if (a[i] != b[i]) return $", first difference at byte {i}";
        return a.Length == b.Length ? "" : $", equal for the first {n} bytes";
    }
}
