using System.Text;
using Curlew.Cli.Tests.Differential;

namespace Curlew.Cli.Tests.Own;

/// <summary>What curlew prints that has no curl counterpart to compare with: its version layout and --socket-log.</summary>
public sealed class CurlewOnlyTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    private static Task<ProcessResult> Curlew(params string[] args) =>
        ProcessRun.RunAsync("dotnet", [CurlewDll], args, Path.GetTempPath(), null);

    [Fact]
    public async Task Version_follows_curls_layout_and_names_only_what_curlew_speaks()
    {
        var result = await Curlew("-V");
        var lines = Encoding.UTF8.GetString(result.Stdout).Split('\n');
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^curlew \d+\.\d+\.\d+ \(.+\) Curlew/", lines[0]);
        Assert.StartsWith("Release-Date: ", lines[1], StringComparison.Ordinal);
        Assert.Equal("Protocols: ftp ftps http https", lines[2]);
        Assert.Equal("Features: IPv6 Largefile SSL UnixSockets", lines[3]);
    }

    [Fact]
    public async Task Socket_log_shows_open_sockopt_and_close_with_purpose_and_address()
    {
        var result = await Curlew("-sS", "--socket-log", "-o", "/dev/null", fixture.Server.BaseUrl + "/text");
        string port = new Uri(fixture.Server.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string expected =
            $"* socket open connect InterNetwork 127.0.0.1:{port}\n" +
            $"* socket sockopt connect 127.0.0.1:{port}\n" +
            $"* socket close 127.0.0.1:{port}\n";
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(expected, Encoding.UTF8.GetString(result.Stderr));
    }

    [Fact]
    public async Task Socket_log_shows_a_refused_connection_closed_once()
    {
        var result = await Curlew("-s", "--socket-log", "http://127.0.0.1:1/");
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("* socket open connect InterNetwork 127.0.0.1:1\n* socket sockopt connect 127.0.0.1:1\n* socket close 127.0.0.1:1\n",
            Encoding.UTF8.GetString(result.Stderr));
    }
}
