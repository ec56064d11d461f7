using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>Broken servers give the same codes, bytes and closes as libcurl.</summary>
public sealed class FaultDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(DiffCases.Faults);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
