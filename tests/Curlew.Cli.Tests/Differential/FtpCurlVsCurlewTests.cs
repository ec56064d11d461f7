using System.Text;
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
/// Each <see cref="FtpCases"/> command line through /usr/bin/curl (7.88.1) and through curlew against the same vsftpd,
/// each run starting from the same /upload: exit code, stdout bytes, stderr (after <see cref="OutputNormaliser"/>),
/// the files written locally and the files on the server afterwards must be identical, except a declared difference.
/// </summary>
public sealed class FtpCurlVsCurlewTests(FtpDifferentialFixture fixture, ITestOutputHelper output) : IClassFixture<FtpDifferentialFixture>
{
    private const string CurlPath = "/usr/bin/curl";
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    public static TheoryData<FtpCase> Cases()
    {
        var data = new TheoryData<FtpCase>();
        foreach (var c in FtpCases.All) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Curlew_matches_curl_on_ftp(FtpCase c)
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

    private async Task<RunRecord> RunAsync(string program, string[] prefix, FtpCase c)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-ftp-run-").FullName;
        try
        {
            foreach (var (name, content) in c.Local ?? new Dictionary<string, string>())
                File.WriteAllText(Path.Combine(work, name), content);
            fixture.Server.ResetUploads();
            foreach (var (name, content) in c.OnServer ?? new Dictionary<string, string>())
                File.WriteAllText(Path.Combine(fixture.Server.UploadDir, name), content);
            var args = c.Args.Select(Expand).ToArray();
            var result = await ProcessRun.RunAsync(program, prefix, args, work, c.Stdin == null ? null : Encoding.UTF8.GetBytes(c.Stdin));
            return new RunRecord(result, FilesIn(work, c.Times), fixture.Server.Uploads());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Expand(string arg) => arg
        .Replace("{ftp}", fixture.Server.BaseUrl, StringComparison.Ordinal)
        .Replace("{in}", fixture.Inputs.Folder, StringComparison.Ordinal);

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

    private sealed record RunRecord(ProcessResult Result, string Files, string ServerFiles)
    {
        public string this[Channel channel] => channel switch
        {
            Channel.ExitCode => Result.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Channel.Stdout => OutputNormaliser.Stdout(Result.Stdout),
            Channel.Stderr => OutputNormaliser.Stderr(Result.Stderr),
            Channel.Files => Files,
            Channel.Server => ServerFiles,
            _ => throw new ArgumentOutOfRangeException(nameof(channel)),
        };

        public override string ToString() =>
            $"exit {this[Channel.ExitCode]}\nstdout: {this[Channel.Stdout]}\nstderr: {this[Channel.Stderr]}\nfiles: {Files}\nserver: {ServerFiles}";
    }
}
