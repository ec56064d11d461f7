using System.Text;
using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// Bodies written to a terminal, compared with curl 7.88.1: curl and curlew each run with standard output on a
/// pseudo-terminal (util-linux's <c>script</c>, from Debian's essential bsdutils) and standard error in a file. A body
/// with a zero byte is not written: curl's three warning lines (muted by -s) and exit 23; "-o -" writes it anyway;
/// text is written as it is. What reaches the terminal must be the same bytes, so curlew sends the terminal no set-up
/// escapes of its own either.
/// </summary>
public sealed class TerminalOutputTests(DifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<DifferentialFixture>
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    [Theory]
    [InlineData("binary body refused with a warning", new[] { "{url}/bin" })]
    [InlineData("binary body refused, -s mutes the warning", new[] { "-s", "{url}/bin" })]
    [InlineData("binary body refused, -sS too", new[] { "-sS", "{url}/bin" })]
    [InlineData("binary body written when asked for with -o -", new[] { "-o", "-", "{url}/bin" })]
    [InlineData("text body written, no meter on a terminal", new[] { "{url}/text" })]
    [InlineData("a zero byte after the first 2000 bytes is not looked for", new[] { "-s", "{url}/late-zero" })]
    public async Task Terminal_output_matches_curl(string name, string[] args)
    {
        var curl = await RunOnTerminalAsync(["/usr/bin/curl"], args);
        var curlew = await RunOnTerminalAsync(["dotnet", CurlewDll], args);
        output.WriteLine($"{name}\n--- curl:\n{curl}\n--- curlew:\n{curlew}");
        Assert.Equal(curl, curlew);
    }

    [Fact]
    public async Task The_binary_warning_is_curls_text_and_the_exit_code_is_23()
    {
        string run = await RunOnTerminalAsync(["dotnet", CurlewDll], ["{url}/bin"]);
        Assert.Equal(
            "exit 23\nterminal: \nstderr: " +
            "Warning: Binary output can mess up your terminal. Use \"--output -\" to tell \n" +
            "Warning: [program] to output it to your terminal anyway, or consider \"--output \n" +
            "Warning: <FILE>\" to save to a file.\n", run);
    }

    [Fact]
    public async Task Output_to_a_file_shared_with_the_shell_continues_at_the_shared_offset()
    {
        // "(curlew URL; echo after) > file": the next writer must append after the body, not overwrite it.
        foreach (string[] program in new[] { new[] { "/usr/bin/curl" }, new[] { "dotnet", CurlewDll } })
        {
            string work = Directory.CreateTempSubdirectory("curlew-cli-shared-").FullName;
            try
            {
                string command = "(" + string.Join(' ', program.Select(Quote)) + " -sS " + Quote(fixture.Server.BaseUrl + "/text") + "; echo after) > out";
                var result = await ProcessRun.RunAsync("sh", [], ["-c", command], work, null);
                Assert.Equal(0, result.ExitCode);
                Assert.Equal("hello curlew\nafter\n", File.ReadAllText(Path.Combine(work, "out")));
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    // Exit code, the bytes the terminal got (its CR LF line ends are the pty's) and stderr, with the program's name
    // in the warning replaced.
    private async Task<string> RunOnTerminalAsync(string[] program, string[] args)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-tty-").FullName;
        try
        {
            string errFile = Path.Combine(work, "stderr");
            var words = program.Concat(args.Select(a => a.Replace("{url}", fixture.Server.BaseUrl, StringComparison.Ordinal)));
            string command = string.Join(' ', words.Select(Quote)) + " 2>" + Quote(errFile);
            var result = await ProcessRun.RunAsync("script", [], ["-qec", command, "/dev/null"], work, null);
            string stderr = File.ReadAllText(errFile)
                .Replace("Warning: curlew to", "Warning: [program] to", StringComparison.Ordinal)
                .Replace("Warning: curl to", "Warning: [program] to", StringComparison.Ordinal);
            return $"exit {result.ExitCode}\nterminal: {Encoding.Latin1.GetString(result.Stdout)}\nstderr: {stderr}";
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
