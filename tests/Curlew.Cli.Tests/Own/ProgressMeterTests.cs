using System.Text;
using System.Text.RegularExpressions;
using Curlew.Cli.Tests.Differential;

namespace Curlew.Cli.Tests.Own;

/// <summary>
/// The default progress meter redraws while a slow transfer runs (stderr is a pipe here, not a terminal, as when
/// curl's meter shows): curl and curlew both print the header, the first line, at least one redrawn line in between
/// and the final one, each redraw after a carriage return, with the received count never going down.
/// </summary>
public sealed class ProgressMeterTests(DifferentialFixture fixture) : IClassFixture<DifferentialFixture>
{
    private static readonly string CurlewDll = Path.Combine(AppContext.BaseDirectory, "cli", "curlew.dll");

    [Fact]
    public async Task The_meter_redraws_during_a_slow_transfer_as_curls_does()
    {
        foreach (var (program, prefix) in new[] { ("/usr/bin/curl", Array.Empty<string>()), ("dotnet", new[] { CurlewDll }) })
        {
            var result = await ProcessRun.RunAsync(program, prefix, ["-o", "/dev/null", fixture.Server.BaseUrl + "/slow"], Path.GetTempPath(), null);
            string stderr = Encoding.UTF8.GetString(result.Stderr);
            Assert.Equal(0, result.ExitCode);
            Assert.StartsWith("  % Total    % Received", stderr, StringComparison.Ordinal);
            var lines = stderr[(stderr.IndexOf("Speed\n", StringComparison.Ordinal) + 6)..].TrimEnd('\n').Split('\r')
                .Where(l => l.Length > 0).ToList();
            var received = lines.Select(l => long.Parse(Regex.Match(l, @"^ *\d+ +\S+ +\d+ +(\d+)").Groups[1].Value,
                System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(lines.Count >= 3, $"{program}: a first line, a redraw and a final line expected:\n{stderr}");
            Assert.Equal(0, received[0]);
            Assert.Equal(60, received[^1]);
            Assert.Contains(received.Skip(1).SkipLast(1), n => n > 0 && n < 60);
            Assert.Equal(received.Order(), received);
        }
    }
}
