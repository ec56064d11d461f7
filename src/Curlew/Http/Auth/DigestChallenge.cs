namespace Curlew.Http.Auth;

/// <summary>
/// What a Digest challenge asks for (RFC 7616 section 3.3): realm, nonce, opaque, algorithm, qop, stale and userhash.
/// <see cref="From"/> refuses a challenge that cannot be answered: no nonce, an unknown algorithm, broken syntax.
/// </summary>
internal sealed class DigestChallenge
{
    public required string Realm { get; init; }
    public required string Nonce { get; init; }
    public string? Opaque { get; init; }
    public required DigestAlgorithm Algorithm { get; init; }
    /// <summary>Whether the challenge named its algorithm (the answer repeats it only then).</summary>
    public bool AlgorithmNamed { get; init; }
    /// <summary>"auth", "auth-int" or null (RFC 2069 style, no qop at all).</summary>
    public string? Qop { get; init; }
    public bool Stale { get; init; }
    public bool UserHash { get; init; }

    public static DigestChallenge? From(AuthChallenge challenge)
    {
        if (challenge.Malformed || challenge["nonce"] is not { } nonce) return null;
        var algorithm = DigestAlgorithm.FromName(challenge["algorithm"]);
        if (algorithm is null) return null;
        return new DigestChallenge
        {
            Realm = challenge["realm"] ?? "",
            Nonce = nonce,
            Opaque = challenge["opaque"],
            Algorithm = algorithm,
            AlgorithmNamed = challenge["algorithm"] is not null,
            Qop = PickQop(challenge["qop"]),
            Stale = IsTrue(challenge["stale"]),
            UserHash = IsTrue(challenge["userhash"]),
        };
    }

    // "auth" when offered; "auth-int" only when it is all the server takes; nothing for a list of unknown values.
    private static string? PickQop(string? offered)
    {
        if (offered is null) return null;
        bool integrity = false;
        foreach (var part in offered.Split(','))
        {
            var value = part.Trim();
            if (value.Equals("auth", StringComparison.OrdinalIgnoreCase)) return "auth";
            if (value.Equals("auth-int", StringComparison.OrdinalIgnoreCase)) integrity = true;
        }
        return integrity ? "auth-int" : null;
    }

    private static bool IsTrue(string? value) => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
}
