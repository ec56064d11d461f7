using System.Security.Cryptography;
using System.Text;

namespace Curlew.Http.Auth;

/// <summary>
/// The hash behind a Digest challenge (RFC 7616 section 6.1): MD5 or SHA-256, each plain or "-sess" (the session key
/// is hashed once more with the nonce and cnonce). SHA-512-256 is not offered by .NET and not built here: a challenge
/// asking for it (or for anything else unknown) cannot be answered.
/// </summary>
internal sealed class DigestAlgorithm
{
    private readonly bool _sha256;

    private DigestAlgorithm(string name, bool sha256, bool session)
    {
        Name = name;
        _sha256 = sha256;
        IsSession = session;
    }

    /// <summary>The name as the challenge spelled it, echoed in the answer.</summary>
    public string Name { get; }

    public bool IsSession { get; }

    /// <summary>The algorithm a challenge names; MD5 when it names none; null when it is not built.</summary>
    public static DigestAlgorithm? FromName(string? name) => name?.ToUpperInvariant() switch
    {
        null or "MD5" => new(name ?? "MD5", sha256: false, session: false),
        "MD5-SESS" => new(name, sha256: false, session: true),
        "SHA-256" => new(name, sha256: true, session: false),
        "SHA-256-SESS" => new(name, sha256: true, session: true),
        _ => null,
    };

    /// <summary>H(text) as lower-case hex over the UTF-8 bytes.</summary>
    public string Hash(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var digest = _sha256 ? SHA256.HashData(bytes) : MD5.HashData(bytes);
        return Convert.ToHexStringLower(digest);
    }
}
