using Xunit.Abstractions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// The TLS cases (<see cref="TlsCases"/>) through curl and curlew (<see cref="CurlComparison"/>) against one TLS
/// nginx. nginx records no requests, so there is no server channel here; a declared stderr difference is in the
/// informational lines only: the header lines sent and received (-v's "> " and "< ") must still be the same.
/// </summary>
public sealed class CurlVsCurlewTlsTests(NginxTlsFixture fixture, ITestOutputHelper output) : IClassFixture<NginxTlsFixture>
{
    private static readonly string[] ServerNames = ["tls", "wronghost", "expired", "clientcert", "tls12"];

    public static TheoryData<DifferentialCase> Cases()
    {
        var data = new TheoryData<DifferentialCase>();
        foreach (var c in TlsCases.All) data.Add(c);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Curlew_matches_curl_over_tls(DifferentialCase c)
    {
        var comparison = new CurlComparison(Expand, output)
        {
            CheckDeclaredDifference = (channel, curl, curlew) =>
            {
                if (channel == Channel.Stderr) Assert.Equal(HeaderLines(curl), HeaderLines(curlew));
            },
        };
        return comparison.AssertCurlewMatchesCurlAsync(new ComparedCase(c.Name, c.Args, c.Stdin, c.Seed, Times: false, c.Differs, c.Reason));
    }

    private static string HeaderLines(string stderr) =>
        string.Join("\n", stderr.Split('\n').Where(line => line.StartsWith("> ", StringComparison.Ordinal) || line.StartsWith("< ", StringComparison.Ordinal)));

    private string Expand(string arg)
    {
        var server = fixture.Server;
        foreach (var name in ServerNames)
            arg = arg.Replace("{" + name + "}", server.Https(name), StringComparison.Ordinal);
        return arg
            .Replace("{certs}", server.Certificates.Directory, StringComparison.Ordinal)
            .Replace("{pin}", "sha256//" + server.Certificates.ServerKeySha256, StringComparison.Ordinal);
    }
}
