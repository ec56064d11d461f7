using Curlew.Http.Auth;
using Curlew.Tests.Differential.Auth;
using Xunit;

namespace Curlew.Tests.Http.Auth;

/// <summary>Digest answers against RFC 7616's worked example (section 3.9.1) and against the tests' own verifier.</summary>
public class DigestResponseTests
{
    private const string Challenge =
        "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={0}, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private const string Cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestChallenge Parse(string algorithm)
    {
        var challenges = new List<AuthChallenge>();
        AuthChallengeParser.Parse(string.Format(Challenge, algorithm), challenges);
        return DigestChallenge.From(Assert.Single(challenges)) ?? throw new Xunit.Sdk.XunitException("the RFC's challenge was refused");
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void The_response_matches_RFC_7616_worked_example(string algorithm, string expected)
    {
        var value = DigestResponse.Build(Parse(algorithm), "Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, Cnonce);

        Assert.Contains($"response=\"{expected}\"", value);
        Assert.Contains("qop=auth,", value);
        Assert.Contains("nc=00000001", value);
        Assert.Contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"", value);
    }

    [Theory]
    [InlineData("MD5-sess")]
    [InlineData("SHA-256-sess")]
    public void A_session_variant_verifies_on_the_server_side(string algorithm)
    {
        var value = DigestResponse.Build(Parse(algorithm), "Mufasa", "Circle of Life", "POST", "/dir/index.html?a=b", 7, Cnonce);

        Assert.True(DigestVerifier.IsCorrect(value["Digest ".Length..], "POST", "Mufasa", "Circle of Life"), value);
        Assert.Contains("nc=00000007", value);
    }

    [Fact]
    public void A_userhash_challenge_hides_the_user_name()
    {
        var challenges = new List<AuthChallenge>();
        AuthChallengeParser.Parse("Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-256, userhash=true", challenges);
        var value = DigestResponse.Build(DigestChallenge.From(challenges[0])!, "Mufasa", "Circle of Life", "GET", "/", 1);

        Assert.DoesNotContain("Mufasa", value);
        Assert.Contains("userhash=true", value);
        Assert.True(DigestVerifier.IsCorrect(value["Digest ".Length..], "GET", "Mufasa", "Circle of Life"), value);
    }

    [Fact]
    public void Each_answer_carries_a_fresh_cnonce()
    {
        var challenge = Parse("MD5");
        var first = DigestVerifier.Parameters(DigestResponse.Build(challenge, "u", "p", "GET", "/", 1))["cnonce"];
        var second = DigestVerifier.Parameters(DigestResponse.Build(challenge, "u", "p", "GET", "/", 2))["cnonce"];

        Assert.Equal(32, first.Length);
        Assert.NotEqual(first, second);
    }
}
