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
/// Each case runs through curl and curlew (<see cref="CurlComparison"/>) with the same arguments against the same
/// recording server; the server channel is the requests it received.
/// </summary>
public sealed class CurlVsCurlewTests(DifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<DifferentialFixture>
{
    public static TheoryData<DifferentialCase> Cases()
    {
        var data = new TheoryData<DifferentialCase>();
        foreach (var c in DifferentialCases.All) data.Add(c);
        foreach (var c in DifferentialCases.Multi) data.Add(c);
        foreach (var c in DifferentialCases.Upload) data.Add(c);
        foreach (var c in TraceCases.All) data.Add(c);
        foreach (var c in ProxyCases.All) data.Add(c);
        return data;
    }

    [Fact]
    public async Task The_reference_curl_is_7_88_1()
    {
        var result = await ProcessRun.RunAsync(CurlComparison.CurlPath, [], ["--version"], Path.GetTempPath(), null);
        Assert.StartsWith("curl 7.88.1 ", Encoding.UTF8.GetString(result.Stdout), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Curlew_matches_curl(DifferentialCase c)
    {
        var comparison = new CurlComparison(Expand, output)
        {
            BeforeEachRun = fixture.Server.ClearReceived,
            ServerState = () => OutputNormaliser.Server(string.Join("\n\n", fixture.Server.TakeReceived())),
        };
        return comparison.AssertCurlewMatchesCurlAsync(new ComparedCase(c.Name, c.Args, c.Stdin, c.Seed, Times: false, c.Differs, c.Reason));
    }

    private string Expand(string arg) => arg
        .Replace("{url}", fixture.Server.BaseUrl, StringComparison.Ordinal)
        .Replace("{port}", new Uri(fixture.Server.BaseUrl).Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{unix}", fixture.Server.UnixSocketPath, StringComparison.Ordinal)
        .Replace("{in}", fixture.Inputs.Folder, StringComparison.Ordinal)
        .Replace("{gproxy}", fixture.Proxies.Guarded, StringComparison.Ordinal)
        .Replace("{proxy}", fixture.Proxies.Open, StringComparison.Ordinal)
        .Replace("{socks}", fixture.Proxies.Socks, StringComparison.Ordinal);
}
