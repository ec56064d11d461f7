using System.Security.Cryptography;
using System.Text;

namespace Curlew.Http.Auth;

/// <summary>
/// Builds the value of an <c>Authorization: Digest ...</c> header for one request (RFC 7616 section 3.4): the response
/// hash over the credentials, nonce, nonce count, a fresh random cnonce, qop, method and request target.
/// </summary>
internal static class DigestResponse
{
    // Only tests pass a cnonce (RFC 7616's worked examples); otherwise it is 16 fresh random bytes in hex.
    public static string Build(DigestChallenge c, string user, string password, string method, string uri, int nonceCount, string? cnonce = null)
    {
        var h = c.Algorithm;
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        string nc = nonceCount.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        string ha1 = h.Hash($"{user}:{c.Realm}:{password}");
        if (h.IsSession) ha1 = h.Hash($"{ha1}:{c.Nonce}:{cnonce}");
        // auth-int would hash the body; like curl, the body is taken as empty (the header is built before it is read).
        string a2 = c.Qop == "auth-int" ? $"{method}:{uri}:{h.Hash("")}" : $"{method}:{uri}";
        string ha2 = h.Hash(a2);
        string response = c.Qop is null
            ? h.Hash($"{ha1}:{c.Nonce}:{ha2}")
            : h.Hash($"{ha1}:{c.Nonce}:{nc}:{cnonce}:{c.Qop}:{ha2}");

        // userhash hides the user name from onlookers: H(user:realm) goes in its place (RFC 7616 section 3.4.4).
        string shownUser = c.UserHash ? h.Hash($"{user}:{c.Realm}") : user;
        var value = new StringBuilder("Digest ");
        value.Append("username=\"").Append(Escape(shownUser)).Append("\", realm=\"").Append(Escape(c.Realm))
            .Append("\", nonce=\"").Append(Escape(c.Nonce)).Append("\", uri=\"").Append(uri).Append('"');
        if (c.Qop is not null) value.Append(", cnonce=\"").Append(cnonce).Append("\", nc=").Append(nc).Append(", qop=").Append(c.Qop);
        value.Append(", response=\"").Append(response).Append('"');
        if (c.Opaque is not null) value.Append(", opaque=\"").Append(Escape(c.Opaque)).Append('"');
        if (c.AlgorithmNamed) value.Append(", algorithm=").Append(h.Name);
        if (c.UserHash) value.Append(", userhash=true");
        return value.ToString();
    }

    // Quotes and backslashes inside a quoted-string are escaped (RFC 9110 section 5.6.4).
    private static string Escape(string text) =>
        text.Contains('"') || text.Contains('\\') ? text.Replace("\\", "\\\\").Replace("\"", "\\\"") : text;
}
