using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Curlew.Tests.Differential.Auth;

/// <summary>
/// The server's side of RFC 7616, written for the tests on their own (it shares no code with Curlew): reads the
/// parameters of an <c>Authorization: Digest</c> value and recomputes <c>response=</c> from the cnonce, nc and qop the
/// client sent, so an engine that sends a wrong hash is caught whatever its cnonce.
/// </summary>
public static partial class DigestVerifier
{
    [GeneratedRegex("""([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))""")]
    private static partial Regex Parameter();

    public static Dictionary<string, string> Parameters(string value)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in Parameter().Matches(value))
            result[m.Groups[1].Value] = m.Groups[2].Success ? Regex.Replace(m.Groups[2].Value, @"\\(.)", "$1") : m.Groups[3].Value;
        return result;
    }

    /// <summary>Whether <paramref name="authorization"/> (the value after "Digest ") proves knowledge of user and password.</summary>
    public static bool IsCorrect(string authorization, string method, string user, string password)
    {
        var p = Parameters(authorization);
        string algorithm = p.GetValueOrDefault("algorithm") ?? "MD5";
        Func<string, string>? h = algorithm.ToUpperInvariant() switch
        {
            "MD5" or "MD5-SESS" => s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))),
            "SHA-256" or "SHA-256-SESS" => s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
            _ => null,
        };
        if (h is null || !p.TryGetValue("realm", out var realm) || !p.TryGetValue("nonce", out var nonce)
            || !p.TryGetValue("uri", out var uri) || !p.TryGetValue("response", out var response) || !p.TryGetValue("username", out var username))
            return false;
        bool userHash = string.Equals(p.GetValueOrDefault("userhash"), "true", StringComparison.OrdinalIgnoreCase);
        if (username != (userHash ? h($"{user}:{realm}") : user)) return false;
        string? qop = p.GetValueOrDefault("qop");
        string cnonce = p.GetValueOrDefault("cnonce") ?? "", nc = p.GetValueOrDefault("nc") ?? "";
        string ha1 = h($"{user}:{realm}:{password}");
        if (algorithm.EndsWith("-sess", StringComparison.OrdinalIgnoreCase)) ha1 = h($"{ha1}:{nonce}:{cnonce}");
        string ha2 = h(qop == "auth-int" ? $"{method}:{uri}:{h("")}" : $"{method}:{uri}");
        string expected = qop is null ? h($"{ha1}:{nonce}:{ha2}") : h($"{ha1}:{nonce}:{nc}:{cnonce}:{qop}:{ha2}");
        return expected == response;
    }
}
