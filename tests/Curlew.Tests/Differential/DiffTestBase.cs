using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>Runs one named case on libcurl and Curlew and asserts they behaved the same (or differ only as the case states).</summary>
public abstract class DiffTestBase(ITestOutputHelper output)
{
    protected void AssertSameAsLibcurl(string name)
    {
        var result = DiffHarness.Run(DiffCases.Find(name));
        output.WriteLine(result.Report());
        Assert.True(result.Identical, result.Report());
    }
}
