using System.Text;
using Curlew.Cli.Help;
using Curlew.Cli.Tests.Differential;

namespace Curlew.Cli.Tests.Help;

/// <summary>-M: curlew's own manual, embedded in curlew.dll, covering every flag it acts on.</summary>
public sealed class ManualTests
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    [Fact]
    public void The_manual_names_every_flag_in_the_help_catalog_hidden_ones_included()
    {
        string manual = ManualText.Read();
        var missing = HelpCatalog.All.Select(e => "--" + (e.Shown ?? e.Flag))
            .Where(flag => !System.Text.RegularExpressions.Regex.IsMatch(manual, System.Text.RegularExpressions.Regex.Escape(flag) + @"(?![\w.-])"))
            .ToList();
        Assert.True(missing.Count == 0, "not in Manual.txt: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_manual_explains_the_own_flags_the_exit_codes_and_the_differences()
    {
        string manual = ManualText.Read();
        Assert.Contains("CURLEW'S OWN FLAGS\n    --socket-log\n", manual, StringComparison.Ordinal);
        Assert.Contains("\n    --deny-private\n", manual, StringComparison.Ordinal);
        Assert.Contains("\nEXIT CODES\n", manual, StringComparison.Ordinal);
        foreach (int code in new[] { 0, 2, 4, 7, 22, 26, 60 })
            Assert.Matches($@"\n    {code} +\S", manual);
        Assert.Contains("\nDIFFERENCES FROM CURL\n", manual, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Curlew_M_prints_the_embedded_manual_on_stdout_and_exits_0()
    {
        var result = await ProcessRun.RunAsync("dotnet", [CurlewDll], ["-M"], Path.GetTempPath(), null);
        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Stderr);
        Assert.Equal(ManualText.Read(), Encoding.UTF8.GetString(result.Stdout));
        Assert.StartsWith("CURLEW(1)", Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
    }
}
