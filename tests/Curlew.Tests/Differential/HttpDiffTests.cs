using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>HTTP semantics match libcurl against the same server.</summary>
public sealed class HttpDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(DiffCases.Http);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
