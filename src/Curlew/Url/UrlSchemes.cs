namespace Curlew.Url;

/// <summary>The schemes Curlew speaks, their default ports, and libcurl's scheme guess for URLs written without one.</summary>
internal static class UrlSchemes
{
    /// <summary>Longest scheme name libcurl recognises; anything longer is not taken as a scheme.</summary>
    public const int MaxSchemeLength = 40;

    /// <summary>Default port of a supported scheme, or -1 when Curlew does not speak it.</summary>
    public static int DefaultPort(string scheme) => scheme switch
    {
        "http" => 80,
        "https" => 443,
        "ftp" => 21,
        "ftps" => 990,
        _ => -1,
    };

    public static bool IsSupported(string scheme) => DefaultPort(scheme) >= 0;

    /// <summary>
    /// libcurl's guess for a scheme-less URL, made from the host name's first label ("ftp.example.com" is FTP).
    /// The guess can name a protocol Curlew does not speak ("imap.example.com"); the caller then reports it unsupported,
    /// as a libcurl built without that protocol would.
    /// </summary>
    public static string Guess(string host)
    {
        ReadOnlySpan<string> prefixed = ["ftp", "dict", "ldap", "imap", "smtp", "pop3"];
        foreach (string scheme in prefixed)
        {
            if (host.Length > scheme.Length && host[scheme.Length] == '.' &&
                host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                return scheme;
            }
        }
        return "http";
    }

    /// <summary>
    /// Length of the scheme at the start of <paramref name="text"/> (0 when there is none): an alphanumeric, then
    /// alphanumerics, '+', '-' or '.', then ':'. When <paramref name="requireSlash"/> is set (scheme guessing is on,
    /// as for the URL an easy handle is given) the colon must be followed by '/', so "localhost:8080" is a host and port.
    /// </summary>
    public static int SchemeLength(string text, bool requireSlash)
    {
        int i = 0;
        while (i < text.Length && i <= MaxSchemeLength && IsSchemeChar(text[i], first: i == 0))
        {
            i++;
        }
        bool found = i > 0 && i <= MaxSchemeLength && i < text.Length && text[i] == ':' &&
                     (!requireSlash || (i + 1 < text.Length && text[i + 1] == '/'));
        return found ? i : 0;
    }

    private static bool IsSchemeChar(char c, bool first) =>
        char.IsAsciiLetterOrDigit(c) || (!first && c is '+' or '-' or '.');
}
