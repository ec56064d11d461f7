using System.Text;
using Curlew.Cli.Tests.Servers;
using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>Shared by the differential tests: the server and the input files, started once and stopped at the end.</summary>
public sealed class DifferentialFixture : IAsyncLifetime
{
    public CliTestServer Server { get; } = new();
    public InputFiles Inputs { get; } = new();
    public CliProxies Proxies { get; } = new();
    public async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        await Proxies.InitializeAsync();
    }
    public async Task DisposeAsync()
    {
        await Proxies.DisposeAsync();
        await Server.DisposeAsync();
        Inputs.Dispose();
    }
}

/// <summary>
/// Each case runs through /usr/bin/curl (7.88.1) and through curlew with the same arguments against the same server;
/// exit code, stdout bytes, stderr (after <see cref="OutputNormaliser"/>), files written and the requests the server
/// received must be identical, except in the channel a case declares as a known difference.
/// </summary>
public sealed class CurlVsCurlewTests(DifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<DifferentialFixture>
{
    private const string CurlPath = "/usr/bin/curl";
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    public static TheoryData<DifferentialCase> Cases()
    {
        var data = new TheoryData<DifferentialCase>();
        foreach (var c in DifferentialCases.All) data.Add(c);
        foreach (var c in DifferentialCases.Multi) data.Add(c);
        foreach (var c in TraceCases.All) data.Add(c);
        foreach (var c in ProxyCases.All) data.Add(c);
        return data;
    }

    [Fact]
    public async Task The_reference_curl_is_7_88_1()
    {
        var result = await ProcessRun.RunAsync(CurlPath, [], ["--version"], Path.GetTempPath(), null);
        Assert.StartsWith("curl 7.88.1 ", Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Curlew_matches_curl(DifferentialCase c)
    {
        var curl = await RunAsync(CurlPath, [], c);
        var curlew = await RunAsync("dotnet", [CurlewDll], c);
        output.WriteLine($"curl:\n{curl}\n\ncurlew:\n{curlew}");
        foreach (Channel channel in new[] { Channel.ExitCode, Channel.Stdout, Channel.Stderr, Channel.Files, Channel.Server })
        {
            string expected = curl[channel], actual = curlew[channel];
            if (c.Differs.HasFlag(channel))
                Assert.True(expected != actual, $"{c.Name}: {channel} is now identical; remove the known difference ({c.Reason})");
            else
                Assert.True(expected == actual, $"{c.Name}: {channel} differs\n--- curl:\n{expected}\n--- curlew:\n{actual}");
        }
    }

    private async Task<RunRecord> RunAsync(string program, string[] prefix, DifferentialCase c)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-run-").FullName;
        try
        {
            foreach (var (name, content) in c.Seed ?? new Dictionary<string, string>())
                File.WriteAllText(Path.Combine(work, name), Expand(content));
            var args = c.Args.Select(Expand).ToArray();
            fixture.Server.ClearReceived();
            var result = await ProcessRun.RunAsync(program, prefix, args, work, c.Stdin == null ? null : Encoding.UTF8.GetBytes(c.Stdin));
            return new RunRecord(result, FilesIn(work), fixture.Server.TakeReceived());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Expand(string arg) => arg
        .Replace("{url}", fixture.Server.BaseUrl, StringComparison.Ordinal)
        .Replace("{port}", new Uri(fixture.Server.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{unix}", fixture.Server.UnixSocketPath, StringComparison.Ordinal)
        .Replace("{in}", fixture.Inputs.Folder, StringComparison.Ordinal)
        .Replace("{gproxy}", fixture.Proxies.Guarded, StringComparison.Ordinal)
        .Replace("{proxy}", fixture.Proxies.Open, StringComparison.Ordinal)
        .Replace("{socks}", fixture.Proxies.Socks, StringComparison.Ordinal);

    private static string FilesIn(string folder)
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            sb.Append(Path.GetRelativePath(folder, file)).Append(": ").Append(OutputNormaliser.Stdout(File.ReadAllBytes(file))).Append('\n');
        return sb.ToString();
    }

    private sealed record RunRecord(ProcessResult Result, string Files, IReadOnlyList<ReceivedRequest> Received)
    {
        public string this[Channel channel] => channel switch
        {
            Channel.ExitCode => Result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Channel.Stdout => OutputNormaliser.Stdout(Result.Stdout),
            Channel.Stderr => OutputNormaliser.Stderr(Result.Stderr),
            Channel.Files => Files,
            Channel.Server => OutputNormaliser.Server(string.Join("\n\n", Received)),
            _ => throw new ArgumentOutOfRangeException(nameof(channel)),
        };

        public override string ToString() =>
            $"exit {this[Channel.ExitCode]}\nstdout: {this[Channel.Stdout]}\nstderr: {this[Channel.Stderr]}\nfiles: {Files}\nserver: {this[Channel.Server]}";
    }
}
