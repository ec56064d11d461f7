using Xunit;

namespace Curlew.Tests.Differential.Auth;

/// <summary>
/// The auth cases left out of the libcurl comparison (<see cref="AuthCases.KnownDifferences"/>) still have an answer:
/// Curlew's deliberate one. Each test runs the excluded case through Curlew alone and pins its whole description:
/// code, response code, body, redirect count and every request the server saw.
/// </summary>
public sealed class AuthKnownDifferenceTests
{
    private const string TwoPerforms = "Digest, two performs on one handle";
    private const string OwnHeader = "Digest, the caller's own Authorization header";
    private const string Sha512256 = "Digest SHA-512-256";

    private const string DigestMd5 = "Digest username=\"u\", realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", " +
        "uri=\"/auth\", cnonce=*, nc=00000001, qop=auth, response=*, algorithm=MD5 digest-correct";

    [Fact]
    public void Every_known_difference_has_a_test_of_Curlews_own_answer()
    {
        string[] pinned = [TwoPerforms, OwnHeader, Sha512256];
        Assert.Equal(pinned.Order(), AuthCases.KnownDifferences.Keys.Order());
    }

    [Fact]
    public async Task Each_perform_starts_a_fresh_Digest_exchange()
    {
        var (summary, _) = await AuthDiffTests.RunCurlewAsync(TwoPerforms);

        Assert.Equal(
            "  code=0 response=200 redirects=1 body=okok requests=4\n" +
            "  [0.0] GET /auth HTTP/1.1 cl=- body=0 auth=none\n" +
            $"  [0.1] GET /auth HTTP/1.1 cl=- body=0 auth={DigestMd5}\n" +
            "  [0.2] GET /auth HTTP/1.1 cl=- body=0 auth=none\n" +
            $"  [0.3] GET /auth HTTP/1.1 cl=- body=0 auth={DigestMd5}\n", summary.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task The_callers_own_Authorization_header_is_sent_alone_and_the_401_is_final()
    {
        var (summary, _) = await AuthDiffTests.RunCurlewAsync(OwnHeader);

        Assert.Equal(
            "  code=0 response=401 redirects=0 body=denied requests=1\n" +
            "  [0.0] GET /auth HTTP/1.1 cl=- body=0 auth=Bearer token\n", summary.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_SHA_512_256_challenge_is_left_unanswered()
    {
        var (summary, _) = await AuthDiffTests.RunCurlewAsync(Sha512256);

        Assert.Equal(
            "  code=0 response=401 redirects=0 body=denied requests=1\n" +
            "  [0.0] GET /auth HTTP/1.1 cl=- body=0 auth=none\n", summary.ReplaceLineEndings("\n"));
    }
}
