using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>Runs one named case on libcurl and Curlew and asserts they behaved the same (or differ only as the case states).</summary>
public abstract class DiffTestBase(ITestOutputHelper output)
{
    /// <summary><paramref name="row"/> is a case name with its mode suffix ("plain GET [async]").</summary>
    protected void AssertSameAsLibcurl(string row)
    {
        var mode = CurlewModes.Parse(row).Mode;
        var result = DiffHarness.Run(DiffCases.Find(row), mode);
        output.WriteLine(result.Report());
        Assert.True(result.Identical, result.Report());
    }
}
