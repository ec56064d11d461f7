using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// Runs every differential case once more and prints the table (also written to /tmp/curlew-differential-summary.txt):
/// libcurl once per case, Curlew through Perform and through PerformAsync, each compared with that libcurl run.
/// </summary>
public sealed class DifferentialSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void Summary_table_of_every_case_is_printed_and_written()
    {
        var results = new List<DiffResult>();
        var failures = new Dictionary<string, string>();
        foreach (var diffCase in DiffCases.All)
        {
            try
            {
                results.AddRange(DiffHarness.RunBothModes(diffCase));
            }
            catch (Exception ex)
            {
                foreach (var mode in CurlewModes.All)
                    failures[CurlewModes.Row(diffCase.Name, mode)] = $"{ex.GetType().Name}: {ex.Message}";
            }
        }
        var table = DifferentialSummary.Table(results, failures);
        output.WriteLine(table);
        File.WriteAllText(DifferentialSummary.FilePath, table);
        // The per-case tests assert equality; this one only reports, but every case must have run to completion.
        Assert.True(failures.Count == 0, "cases that could not run:\n" + string.Join("\n", failures.Select(f => $"{f.Key}: {f.Value}")));
        Assert.Equal(DiffCases.All.Count() * CurlewModes.All.Length, results.Count);
    }
}
