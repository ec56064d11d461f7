using System.Text;
using Curlew.Cli.Help;
using Curlew.Cli.Tests.Help;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// curlew's -h against curl 7.88.1's. Exit code, stderr and the page's structure must match: the first line (with
/// the program's name), the category header, which of curl's flags appear (exactly those curlew acts on, in curl's
/// order) and curl's column rule. A line for a flag both have must be curl's byte for byte apart from its padding,
/// except the declared ones below. Declared, each in the README: curlew's own two flags are extra lines; the
/// categories of protocols curlew lacks say so instead of listing; the verbose category's description
/// names curlew.
/// </summary>
public sealed class HelpVsCurlTests
{
    private const string CurlPath = "/usr/bin/curl";
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");
    private const string NoOptionsLine = " (curlew has no options in this category)";

    /// <summary>Categories whose protocol curlew does not speak, plus proxies (not built) and misc (nothing of it built).</summary>
    private static readonly HashSet<string> EmptyForCurlew =
        ["file", "imap", "misc", "pop3", "scp", "sftp", "smtp", "ssh", "telnet", "tftp"];

    /// <summary>Flags whose summary says in curlew's words what curlew does instead (README: differences).</summary>
    private static readonly Dictionary<string, string> OwnSummaries = new()
    {
        ["cookie"] = "cookie files are not read yet (exit 4)",
        ["cert-type"] = "no ENG: curlew has no crypto engines",
        ["no-alpn"] = "accepted without effect",
        ["styled-output"] = "accepted without effect",
    };

    private static readonly Dictionary<string, string[]> OwnFlags = new()
    {
        ["all"] = ["deny-private", "socket-log"],
        ["connection"] = ["deny-private"],
        ["verbose"] = ["socket-log"],
    };

    private static async Task<(ProcessResult Curl, ProcessResult Curlew)> RunBoth(params string[] args) =>
        (await ProcessRun.RunAsync(CurlPath, [], args, Path.GetTempPath(), null),
         await ProcessRun.RunAsync("dotnet", [CurlewDll], args, Path.GetTempPath(), null));

    private static string[] Lines(ProcessResult r) => Encoding.UTF8.GetString(r.Stdout).Split('\n');

    // The two places where any page differs: the program's name on the first line and in the verbose category.
    private static string AsCurlew(ProcessResult curl) => Encoding.UTF8.GetString(curl.Stdout)
        .Replace("Usage: curl [", "Usage: curlew [", StringComparison.Ordinal)
        .Replace("command line output of curl\n", "command line output of curlew\n", StringComparison.Ordinal);

    public static TheoryData<string> Topics()
    {
        var data = new TheoryData<string> { "all", "HTTP" };
        foreach (var category in HelpCategoryList.All) data.Add(category.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public async Task A_category_lists_what_curl_lists_there_that_curlew_acts_on(string topic)
    {
        var (curl, curlew) = await RunBoth("-h", topic);
        Assert.Equal(curl.ExitCode, curlew.ExitCode);
        Assert.Empty(curl.Stderr);
        Assert.Empty(curlew.Stderr);
        string[] curlLines = Lines(curl), curlewLines = Lines(curlew);
        Assert.Equal("Usage: curl [options...] <url>", curlLines[0]);
        Assert.Equal("Usage: curlew [options...] <url>", curlewLines[0]);
        string name = topic.ToLowerInvariant();
        int bodyStart = name == "all" ? 1 : 2;
        if (name != "all")
            Assert.Equal(AsCurlew(curl).Split('\n')[1], curlewLines[1]);
        var curlEntries = curlLines[bodyStart..^1].Select(HelpLine.Parse).ToList();
        AssertColumnRule(curlEntries);   // the rule curlew copies must be the one curl follows
        if (EmptyForCurlew.Contains(name))
        {
            Assert.Equal([NoOptionsLine], curlewLines[bodyStart..^1]);
            return;
        }
        var curlewEntries = curlewLines[bodyStart..^1].Select(HelpLine.Parse).ToList();
        AssertColumnRule(curlewEntries);

        var own = OwnFlags.GetValueOrDefault(name, []);
        var acted = HelpCatalog.Listed(HelpCategories.None).Select(e => e.Shown ?? e.Flag).ToHashSet();
        var expected = curlEntries.Where(e => acted.Contains(e.LongName)).ToList();
        Assert.Equal(expected.Select(e => e.LongName), curlewEntries.Select(e => e.LongName).Where(n => !own.Contains(n)));
        Assert.Equal(own, curlewEntries.Select(e => e.LongName).Where(n => own.Contains(n)));
        Assert.NotEmpty(expected);

        var curlewByName = curlewEntries.ToDictionary(e => e.LongName);
        foreach (var c in expected)
        {
            var mine = curlewByName[c.LongName];
            if (OwnSummaries.TryGetValue(c.LongName, out string? why))
                Assert.True(c.Option + c.Summary != mine.Option + mine.Summary, $"--{c.LongName} now reads as curl's; drop its declared difference ({why})");
            else
            {
                Assert.Equal(c.Option, mine.Option);
                Assert.Equal(c.Summary, mine.Summary);
            }
        }
    }

    private static void AssertColumnRule(List<HelpLine> entries)
    {
        int width = HelpPrinter.OptionColumnWidth(entries.Select(e => (e.Option, e.Summary)).ToList());
        Assert.All(entries, e => Assert.Equal(HelpLine.Format(e, width), e.Line));
    }

    [Theory]
    [InlineData("-h")]
    [InlineData("--help")]
    [InlineData("-sh")]
    public async Task The_short_list_is_curls_byte_for_byte_apart_from_the_name(string flag)
    {
        var (curl, curlew) = await RunBoth(flag);
        Assert.Equal(curl.ExitCode, curlew.ExitCode);
        Assert.Equal(AsCurlew(curl), Encoding.UTF8.GetString(curlew.Stdout));
        Assert.Empty(curlew.Stderr);
    }

    [Theory]
    [InlineData("category")]
    [InlineData("CATEGORY")]
    [InlineData("nosuch")]
    [InlineData("")]
    [InlineData("important")]
    [InlineData("-v")]
    [InlineData("http://localhost/")]
    public async Task The_category_list_and_an_unknown_topic_match_curl_apart_from_the_name(string topic)
    {
        var (curl, curlew) = await RunBoth("-h", topic);
        Assert.Equal(curl.ExitCode, curlew.ExitCode);
        Assert.Equal(AsCurlew(curl), Encoding.UTF8.GetString(curlew.Stdout));
        Assert.Equal(Encoding.UTF8.GetString(curl.Stderr), Encoding.UTF8.GetString(curlew.Stderr));
    }

    [Theory]
    [InlineData("--no-help")]
    [InlineData("--no-manual")]
    public async Task Turning_help_or_the_manual_off_does_nothing_as_in_curl(string flag)
    {
        var (curl, curlew) = await RunBoth(flag);
        Assert.Equal(curl.ExitCode, curlew.ExitCode);
        Assert.Equal(OutputNormaliser.Stderr(curl.Stderr), OutputNormaliser.Stderr(curlew.Stderr));
        Assert.Empty(curlew.Stdout);
    }

    [Fact]
    public async Task The_manual_goes_to_stdout_with_exit_0_in_both_but_its_text_is_curlews_own()
    {
        var (curl, curlew) = await RunBoth("-M");
        Assert.Equal(0, curl.ExitCode);
        Assert.Equal(0, curlew.ExitCode);
        Assert.Empty(curlew.Stderr);
        Assert.NotEmpty(curl.Stdout);
        Assert.NotEqual(curl.Stdout, curlew.Stdout);
        Assert.StartsWith("CURLEW(1)", Encoding.UTF8.GetString(curlew.Stdout), StringComparison.Ordinal);
    }
}
