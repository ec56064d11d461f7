using System.Text;

namespace Curlew.Tests.Differential;

/// <summary>Collects case results and renders the libcurl-vs-Curlew table.</summary>
public static class DifferentialSummary
{
    public const string FilePath = "/tmp/curlew-differential-summary.txt";

    /// <summary>One row per case; <paramref name="failures"/> holds cases that threw instead of finishing.</summary>
    public static string Table(IReadOnlyList<DiffResult> results, IReadOnlyDictionary<string, string> failures)
    {
        var width = Math.Max(40, results.Select(r => r.Name.Length).Concat(failures.Keys.Select(k => k.Length)).DefaultIfEmpty(0).Max());
        var text = new StringBuilder();
        text.AppendLine($"Curlew vs libcurl ({LibCurlNative.Version.Split(' ')[0]}) differential summary, {DateTime.UtcNow:u}");
        text.AppendLine("Each case runs once on libcurl; Curlew runs it through Perform [sync] and PerformAsync [async], each compared with that run.");
        text.AppendLine($"{"case [Curlew mode]".PadRight(width)}  libcurl  curlew  identical");
        text.AppendLine(new string('-', width + 29));
        foreach (var r in results)
        {
            var identical = r.Identical ? (r.KnownDifference is null ? "yes" : "yes (known difference)") : "NO";
            text.AppendLine($"{r.Name.PadRight(width)}  {r.Libcurl.Code,7}  {r.Curlew.Code,6}  {identical}");
        }
        foreach (var (name, error) in failures)
            text.AppendLine($"{name.PadRight(width)}  {"-",7}  {"-",6}  ERROR {error}");
        var same = results.Count(r => r.Identical);
        text.AppendLine(new string('-', width + 29));
        text.AppendLine($"{results.Count + failures.Count} rows, {same} identical, {results.Count - same} different, {failures.Count} errors");
        foreach (var mode in CurlewModes.All)
        {
            var rows = results.Where(r => CurlewModes.Parse(r.Name).Mode == mode).ToList();
            var errors = failures.Keys.Count(k => CurlewModes.Parse(k).Mode == mode);
            text.AppendLine($"  Curlew {(mode == CurlewMode.Async ? "PerformAsync" : "Perform     ")} {mode.Tag(),-7}: {rows.Count + errors} cases, " +
                $"{rows.Count(r => r.Identical)} identical, {rows.Count(r => !r.Identical)} different, {errors} errors");
        }
        foreach (var r in results.Where(r => !r.Identical))
        {
            text.AppendLine();
            text.Append(r.Report());
        }
        return text.ToString();
    }
}
