using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>Callbacks that stop a transfer behave like libcurl.</summary>
public sealed class AbortDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(DiffCases.Aborts);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
