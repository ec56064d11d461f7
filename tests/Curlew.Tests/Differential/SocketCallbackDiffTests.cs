using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>Socket callbacks (open, sockopt, close) are called like libcurl calls them.</summary>
public sealed class SocketCallbackDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(DiffCases.SocketCallbacks);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
