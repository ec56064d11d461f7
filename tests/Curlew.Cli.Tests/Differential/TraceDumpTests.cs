using System.Text;
using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// --trace and --trace-ascii dumps compared with curl 7.88.1's: the same command line against the same server, and the
/// trace (in a file, on stdout or on stderr), stdout, stderr and the exit code must be identical once
/// <see cref="OutputNormaliser.TraceWithoutInfo"/> has dropped the "== Info:" records, whose text is the library's own
/// (declared in the "verbose" case). A fixed User-Agent keeps the request, and so its byte counts, the same.
/// </summary>
public sealed class TraceDumpTests(DifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<DifferentialFixture>
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    public static TheoryData<string, string[]> Cases() => new()
    {
        { "ascii dump to a file", ["-sS", "-A", "t/1", "--trace-ascii", "trace.txt", "{url}/text"] },
        { "hex dump to a file", ["-sS", "-A", "t/1", "--trace", "trace.txt", "{url}/fixed-date"] },
        { "ascii dump: CR LF ends a line, also right after a full line", ["-sS", "-A", "t/1", "--trace-ascii", "trace.txt", "{url}/fixed-date"] },
        { "ascii dump to stdout between the body's bytes, with --trace-time", ["-sS", "-A", "t/1", "--trace-time", "--trace-ascii", "-", "{url}/text"] },
        { "hex dump to stderr", ["-sS", "-A", "t/1", "--trace", "%", "{url}/fixed-date"] },
        { "hex dump to stdout with -o", ["-sS", "-A", "t/1", "--trace", "-", "-o", "body.txt", "{url}/fixed-date"] },
        { "sent data is dumped", ["-sS", "-A", "t/1", "--trace-ascii", "trace.txt", "-d", "name=curlew&x=1", "{url}/echo"] },
        { "a chunked body is dumped as received, size lines and all", ["-sS", "-A", "t/1", "--trace", "trace.txt", "{url}/chunked"] },
        { "a trace file that cannot be made goes to stderr", ["-sS", "-A", "t/1", "--trace-ascii", "no/such/dir/trace.txt", "{url}/text"] },
        { "the last trace file wins, created once for two URLs", ["-sS", "-A", "t/1", "--trace", "first.txt", "--trace-ascii", "trace.txt", "{url}/text", "{url}/fixed-date"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Trace_dump_matches_curl_record_for_record(string name, string[] args)
    {
        var curl = await RunAsync("/usr/bin/curl", [], args);
        var curlew = await RunAsync("dotnet", [CurlewDll], args);
        output.WriteLine($"{name}\n--- curl:\n{curl}\n--- curlew:\n{curlew}");
        Assert.Contains("<= Recv header, ", curl, StringComparison.Ordinal);   // the comparison is about a real dump
        Assert.Equal(curl, curlew);
    }

    [Fact]
    public async Task Verbose_with_trace_time_stamps_every_line()
    {
        var result = await ProcessRun.RunAsync("dotnet", [CurlewDll], ["-sv", "--trace-time", "-o", "/dev/null", fixture.Server.BaseUrl + "/text"],
            Path.GetTempPath(), null);
        var lines = Encoding.UTF8.GetString(result.Stderr).TrimEnd('\n').Split('\n');
        Assert.Equal(0, result.ExitCode);
        Assert.Contains(lines, l => l.Contains("> GET /text HTTP/1.1", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"^\d{2}:\d{2}:\d{2}\.\d{6} [*<>{]", l));
    }

    // Exit code, then stdout, stderr and every file written, each normalised and without Info records.
    private async Task<string> RunAsync(string program, string[] prefix, string[] args)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-trace-").FullName;
        try
        {
            var expanded = args.Select(a => a.Replace("{url}", fixture.Server.BaseUrl, StringComparison.Ordinal)).ToArray();
            var result = await ProcessRun.RunAsync(program, prefix, expanded, work, null);
            var sb = new StringBuilder();
            sb.Append("exit ").Append(result.ExitCode).Append('\n');
            sb.Append("stdout:\n").Append(OutputNormaliser.TraceWithoutInfo(OutputNormaliser.Stdout(result.Stdout)));
            sb.Append("stderr:\n").Append(OutputNormaliser.TraceWithoutInfo(OutputNormaliser.Stderr(result.Stderr)));
            foreach (var file in Directory.GetFiles(work, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                sb.Append("file ").Append(Path.GetRelativePath(work, file)).Append(":\n")
                  .Append(OutputNormaliser.TraceWithoutInfo(OutputNormaliser.Stdout(File.ReadAllBytes(file))));
            return sb.ToString();
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
