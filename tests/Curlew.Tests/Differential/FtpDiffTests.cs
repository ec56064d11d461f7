using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>FTP matches libcurl against the same vsftpd: codes, bytes and the socket callback sequence.</summary>
public sealed class FtpDiffTests(ITestOutputHelper output) : DiffTestBase(output)
{
    public static TheoryData<string> Cases => DiffCases.Names(FtpDiffCases.Cases);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Behaves_like_libcurl(string name) => AssertSameAsLibcurl(name);
}
