using System.Globalization;
using System.Text;
using Curlew.Cli.Tests.Differential;

namespace Curlew.Cli.Tests.Own;

/// <summary>
/// --deny-private against the real local server, which is on loopback and so must be refused: no request arrives,
/// no socket is opened, the exit code is 7 and the error names the refused address and why. The flag is the library's
/// SSRF guard (its own tests cover every address class); these check the command line's side of it.
/// </summary>
public sealed class DenyPrivateTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    private string Port => new Uri(fixture.Server.BaseUrl).Port.ToString(CultureInfo.InvariantCulture);

    private static Task<ProcessResult> Curlew(params string[] args) =>
        ProcessRun.RunAsync("dotnet", [CurlewDll], args, Path.GetTempPath(), null);

    [Fact]
    public async Task A_loopback_target_is_refused_with_7_and_a_message_naming_it()
    {
        fixture.Server.ClearReceived();
        var result = await Curlew("--no-progress-meter", "--deny-private", fixture.Server.BaseUrl + "/text");
        string stderr = Encoding.UTF8.GetString(result.Stderr);
        Assert.Equal(7, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Equal($"curlew: (7) Connection to 127.0.0.1 port {Port} refused by the SSRF guard (loopback address)\n", stderr);
        Assert.Empty(fixture.Server.TakeReceived());
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_too_and_no_socket_is_opened()
    {
        var result = await Curlew("-sS", "--deny-private", "--socket-log", "--resolve", $"public.test:{Port}:127.0.0.1", $"http://public.test:{Port}/text");
        string stderr = Encoding.UTF8.GetString(result.Stderr);
        Assert.Equal(7, result.ExitCode);
        Assert.DoesNotContain("* socket open", stderr, StringComparison.Ordinal);
        Assert.Contains($"Connection to 127.0.0.1 port {Port} refused by the SSRF guard", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_IPv4_mapped_loopback_literal_is_refused()
    {
        var result = await Curlew("--no-progress-meter", "--deny-private", $"http://[::ffff:127.0.0.1]:{Port}/text");
        Assert.Equal(7, result.ExitCode);
        Assert.Contains("refused by the SSRF guard (loopback address)", Encoding.UTF8.GetString(result.Stderr), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_flag_the_same_transfer_works_and_no_deny_is_the_default()
    {
        var result = await Curlew("-sS", "--deny-private", "--no-deny-private", fixture.Server.BaseUrl + "/text");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello curlew\n", Encoding.UTF8.GetString(result.Stdout));
    }

    [Fact]
    public async Task Verbose_shows_the_refusal_as_an_info_line()
    {
        var result = await Curlew("-sS", "-v", "--deny-private", fixture.Server.BaseUrl + "/text");
        string stderr = Encoding.UTF8.GetString(result.Stderr);
        Assert.Equal(7, result.ExitCode);
        Assert.Contains($"* SSRF guard refused 127.0.0.1 port {Port} (loopback address)\n", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unix_socket_named_by_the_caller_still_passes()
    {
        var result = await Curlew("-sS", "--deny-private", "--unix-socket", fixture.Server.UnixSocketPath, "http://localhost/text");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("hello curlew\n", Encoding.UTF8.GetString(result.Stdout));
    }
}
