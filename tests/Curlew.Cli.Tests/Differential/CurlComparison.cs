using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// One command line as the comparison runs it: arguments (and <see cref="Seed"/> file contents) are expanded by the
/// test class; <see cref="Seed"/> files go into the fresh working folder first; <see cref="Times"/> adds each written
/// file's modification time to the files channel; a <see cref="Differs"/> channel must differ, for <see cref="Reason"/>.
/// </summary>
public sealed record ComparedCase(string Name, string[] Args, string? Stdin, IReadOnlyDictionary<string, string>? Seed,
    bool Times, Channel Differs, string? Reason);

/// <summary>
/// The differential runner every curl-vs-curlew test class shares: a case runs through /usr/bin/curl (7.88.1) and
/// through curlew, each in a fresh working folder against the same server state; exit code, stdout bytes, stderr
/// (after <see cref="OutputNormaliser"/>), the files written and, where the server records something, the server's
/// state must be identical, except in a channel the case declares as a known difference (which must then differ, so
/// a fix is noticed).
/// </summary>
public sealed class CurlComparison(Func<string, string> expand, ITestOutputHelper output)
{
    public const string CurlPath = "/usr/bin/curl";
    public static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    /// <summary>Puts the server into the case's starting state before each of the two runs.</summary>
    public Action BeforeEachRun { get; init; } = () => { };

    /// <summary>The server channel, read after each run; null where the server records nothing (no such channel).</summary>
    public Func<string>? ServerState { get; init; }

    /// <summary>A further check of a declared difference, given the channel and curl's and curlew's text.</summary>
    public Action<Channel, string, string> CheckDeclaredDifference { get; init; } = (_, _, _) => { };

    /// <summary>Runs <paramref name="c"/> through both and asserts the channels match (or differ where declared).</summary>
    public async Task AssertCurlewMatchesCurlAsync(ComparedCase c)
    {
        var curl = await RunAsync(CurlPath, [], c);
        var curlew = await RunAsync("dotnet", [CurlewDll], c);
        output.WriteLine($"curl:\n{Describe(curl)}\n\ncurlew:\n{Describe(curlew)}");
        for (int i = 0; i < curl.Count; i++)
        {
            var (channel, expected) = curl[i];
            string actual = curlew[i].Text;
            if (c.Differs.HasFlag(channel))
            {
                Assert.True(expected != actual, $"{c.Name}: {channel} is now identical; remove the known difference ({c.Reason})");
                CheckDeclaredDifference(channel, expected, actual);
            }
            else
                Assert.True(expected == actual, $"{c.Name}: {channel} differs\n--- curl:\n{expected}\n--- curlew:\n{actual}");
        }
    }

    private async Task<List<(Channel Channel, string Text)>> RunAsync(string program, string[] prefix, ComparedCase c)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-run-").FullName;
        try
        {
            foreach (var (name, content) in c.Seed ?? new Dictionary<string, string>())
                File.WriteAllText(Path.Combine(work, name), expand(content));
            BeforeEachRun();
            var result = await ProcessRun.RunAsync(program, prefix, c.Args.Select(expand).ToArray(), work,
                c.Stdin == null ? null : Encoding.UTF8.GetBytes(c.Stdin));
            List<(Channel, string)> channels =
            [
                (Channel.ExitCode, result.ExitCode.ToString(CultureInfo.InvariantCulture)),
                (Channel.Stdout, OutputNormaliser.Stdout(result.Stdout)),
                (Channel.Stderr, OutputNormaliser.Stderr(result.Stderr)),
                (Channel.Files, FilesIn(work, c.Times)),
            ];
            if (ServerState != null) channels.Add((Channel.Server, ServerState()));
            return channels;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string FilesIn(string folder, bool times)
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            sb.Append(Path.GetRelativePath(folder, file)).Append(": ").Append(OutputNormaliser.Stdout(File.ReadAllBytes(file))).Append('\n');
            if (times) sb.Append("  modified ").Append(File.GetLastWriteTimeUtc(file).ToString("O")).Append('\n');
        }
        return sb.ToString();
    }

    private static string Describe(List<(Channel Channel, string Text)> run) =>
        string.Join("\n", run.Select(entry => $"{entry.Channel}: {entry.Text}"));
}
