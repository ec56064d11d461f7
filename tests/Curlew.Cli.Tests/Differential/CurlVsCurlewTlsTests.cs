using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// The TLS cases (<see cref="TlsCases"/>) through /usr/bin/curl and curlew against one TLS nginx: exit code, stdout,
/// stderr (after <see cref="OutputNormaliser"/>) and files written must match except in a declared channel.
/// nginx records no requests, so there is no server channel here.
/// </summary>
public sealed class CurlVsCurlewTlsTests(NginxTlsFixture fixture, ITestOutputHelper output) : IClassFixture<NginxTlsFixture>
{
    private const string CurlPath = "/usr/bin/curl";
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    public static TheoryData<DifferentialCase> Cases()
    {
        var data = new TheoryData<DifferentialCase>();
        foreach (var c in TlsCases.All) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Curlew_matches_curl_over_tls(DifferentialCase c)
    {
        var curl = await RunAsync(CurlPath, [], c);
        var curlew = await RunAsync("dotnet", [CurlewDll], c);
        output.WriteLine($"curl:\n{string.Join("\n", curl)}\n\ncurlew:\n{string.Join("\n", curlew)}");
        Channel[] channels = [Channel.ExitCode, Channel.Stdout, Channel.Stderr, Channel.Files];
        for (int i = 0; i < channels.Length; i++)
        {
            if (c.Differs.HasFlag(channels[i]))
            {
                Assert.True(curl[i] != curlew[i], $"{c.Name}: {channels[i]} is now identical; remove the known difference ({c.Reason})");
                // A declared stderr difference is in the informational lines only: the header lines sent and
                // received (-v's "> " and "< ") must still be the same.
                if (channels[i] == Channel.Stderr) Assert.Equal(HeaderLines(curl[i]), HeaderLines(curlew[i]));
            }
            else
                Assert.True(curl[i] == curlew[i], $"{c.Name}: {channels[i]} differs\n--- curl:\n{curl[i]}\n--- curlew:\n{curlew[i]}");
        }
    }

    private static string HeaderLines(string stderr) =>
        string.Join("\n", stderr.Split('\n').Where(line => line.StartsWith("> ", StringComparison.Ordinal) || line.StartsWith("< ", StringComparison.Ordinal)));

    private async Task<string[]> RunAsync(string program, string[] prefix, DifferentialCase c)
    {
        string work = Directory.CreateTempSubdirectory("curlew-cli-tls-run-").FullName;
        try
        {
            var result = await ProcessRun.RunAsync(program, prefix, c.Args.Select(Expand), work, null);
            var files = new StringBuilder();
            foreach (var file in Directory.GetFiles(work, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                files.Append(Path.GetRelativePath(work, file)).Append(": ").Append(OutputNormaliser.Stdout(File.ReadAllBytes(file))).Append('\n');
            return [result.ExitCode.ToString(CultureInfo.InvariantCulture), OutputNormaliser.Stdout(result.Stdout),
                OutputNormaliser.Stderr(result.Stderr), files.ToString()];
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string Expand(string arg)
    {
        var server = fixture.Server;
        foreach (var name in new[] { "tls", "wronghost", "expired", "clientcert", "tls12" })
            arg = arg.Replace("{" + name + "}", server.Https(name), StringComparison.Ordinal);
        return arg
            .Replace("{certs}", server.Certificates.Directory, StringComparison.Ordinal)
            .Replace("{pin}", "sha256//" + server.Certificates.ServerKeySha256, StringComparison.Ordinal);
    }
}
