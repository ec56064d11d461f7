namespace Curlew.Http.Auth;

/// <summary>
/// One challenge from a <c>WWW-Authenticate</c> header (RFC 9110 section 11.6.1): the scheme and its parameters, names
/// lower-cased. <see cref="Malformed"/> marks a challenge whose parameters could not be read (an unterminated quote,
/// a parameter without a value, a repeated name): such a challenge must not be answered.
/// </summary>
internal sealed class AuthChallenge(string scheme)
{
    public string Scheme { get; } = scheme;

    public Dictionary<string, string> Parameters { get; } = new(StringComparer.OrdinalIgnoreCase);

    public bool Malformed { get; set; }

    public bool Is(string scheme) => string.Equals(Scheme, scheme, StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.GetValueOrDefault(name);
}
