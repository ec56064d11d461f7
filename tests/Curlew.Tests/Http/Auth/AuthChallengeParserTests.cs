using Curlew.Http.Auth;
using Xunit;

namespace Curlew.Tests.Http.Auth;

/// <summary>WWW-Authenticate values read as RFC 9110 section 11.6.1 writes them, and broken ones marked unusable.</summary>
public class AuthChallengeParserTests
{
    private static List<AuthChallenge> Parse(string value)
    {
        var list = new List<AuthChallenge>();
        AuthChallengeParser.Parse(value, list);
        return list;
    }

    [Fact]
    public void One_header_may_carry_several_challenges()
    {
        var list = Parse("Basic realm=\"a\", Digest realm=\"b\", nonce=\"n\", qop=\"auth, auth-int\"");

        Assert.Equal(["Basic", "Digest"], list.Select(c => c.Scheme));
        Assert.Equal("a", list[0]["realm"]);
        Assert.Equal("auth, auth-int", list[1]["qop"]);
        Assert.All(list, c => Assert.False(c.Malformed));
    }

    [Fact]
    public void Quoted_strings_keep_commas_and_lose_their_escapes()
    {
        var challenge = Assert.Single(Parse("Digest realm=\"a, \\\"b\\\"\", nonce=abc"));

        Assert.Equal("a, \"b\"", challenge["realm"]);
        Assert.Equal("abc", challenge["nonce"]);
    }

    [Theory]
    [InlineData("Digest realm=\"r, nonce=\"n\"")]   // the realm's quote never closes where it should
    [InlineData("Digest realm=\"r\", nonce=")]      // a parameter without a value
    [InlineData("Digest nonce=\"a\", nonce=\"b\"")] // the same parameter twice
    [InlineData("Digest realm=\"r\" junk, nonce=\"n\"")]
    public void A_broken_challenge_is_marked_malformed(string value)
    {
        Assert.True(Parse(value)[0].Malformed, value);
    }

    [Fact]
    public void A_challenge_without_a_nonce_or_with_an_unknown_algorithm_cannot_be_answered()
    {
        Assert.Null(DigestChallenge.From(Parse("Digest realm=\"r\", qop=auth")[0]));
        Assert.Null(DigestChallenge.From(Parse("Digest realm=\"r\", nonce=n, algorithm=SHA-512-256")[0]));
        Assert.NotNull(DigestChallenge.From(Parse("digest realm=\"r\", nonce=n, algorithm=md5-SESS")[0]));
    }

    [Fact]
    public void Auth_int_is_chosen_only_when_it_is_all_the_server_takes()
    {
        Assert.Equal("auth", DigestChallenge.From(Parse("Digest nonce=n, qop=\"auth-int,auth\"")[0])!.Qop);
        Assert.Equal("auth-int", DigestChallenge.From(Parse("Digest nonce=n, qop=\"auth-int\"")[0])!.Qop);
        Assert.Null(DigestChallenge.From(Parse("Digest nonce=n")[0])!.Qop);
    }
}
