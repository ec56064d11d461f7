using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>The FTP comparisons' vsftpd and input files, started once for the class and stopped at its end.</summary>
public sealed class FtpDifferentialFixture : IAsyncLifetime
{
    private VsftpdServer? _server;
    public VsftpdServer Server => _server ?? throw new InvalidOperationException("the FTP fixture was not started");
    public InputFiles Inputs { get; } = new();
    public async Task InitializeAsync() => _server = await VsftpdServer.StartAsync();
    public async Task DisposeAsync()
    {
        if (_server != null) await _server.DisposeAsync();
        Inputs.Dispose();
    }
}

/// <summary>
/// Each <see cref="FtpCases"/> command line through curl and curlew (<see cref="CurlComparison"/>) against the same
/// vsftpd, each run starting from the same /upload (plus the case's <see cref="FtpCase.OnServer"/> files); the
/// server channel is what /upload holds afterwards.
/// </summary>
public sealed class FtpCurlVsCurlewTests(FtpDifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<FtpDifferentialFixture>
{
    public static TheoryData<FtpCase> Cases()
    {
        var data = new TheoryData<FtpCase>();
        foreach (var c in FtpCases.All) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Curlew_matches_curl_on_ftp(FtpCase c)
    {
        var comparison = new CurlComparison(Expand, output)
        {
            BeforeEachRun = () =>
            {
                fixture.Server.ResetUploads();
                foreach (var (name, content) in c.OnServer ?? new Dictionary<string, string>())
                    File.WriteAllText(Path.Combine(fixture.Server.UploadDir, name), content);
            },
            ServerState = fixture.Server.Uploads,
        };
        return comparison.AssertCurlewMatchesCurlAsync(new ComparedCase(c.Name, c.Args, c.Stdin, c.Local, c.Times, c.Differs, c.Reason));
    }

    private string Expand(string arg) => arg
        .Replace("{ftp}", fixture.Server.BaseUrl, StringComparison.Ordinal)
        .Replace("{in}", fixture.Inputs.Folder, StringComparison.Ordinal);
}
