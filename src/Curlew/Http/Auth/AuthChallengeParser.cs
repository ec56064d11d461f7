namespace Curlew.Http.Auth;

/// <summary>
/// Reads a <c>WWW-Authenticate</c> value into its challenges. One header may carry several (RFC 9110:
/// <c>Basic realm="a", Digest realm="b", nonce="n"</c>), so a bare token starts a new challenge and a token followed by
/// <c>=</c> is a parameter of the current one. Quoted strings may hold commas and backslash escapes. Never throws: a
/// broken part marks its challenge <see cref="AuthChallenge.Malformed"/> and parsing goes on after the next comma.
/// </summary>
internal static class AuthChallengeParser
{
    public static void Parse(string value, List<AuthChallenge> into)
    {
        AuthChallenge? current = null;
        int pos = 0;
        while (true)
        {
            while (pos < value.Length && (value[pos] == ',' || IsSpace(value[pos]))) pos++;
            if (pos >= value.Length) return;
            string token = ReadToken(value, ref pos);
            if (token.Length == 0)
            {
                if (current is not null) current.Malformed = true;
                SkipElement(value, ref pos);
                continue;
            }
            int afterToken = pos;
            SkipSpaces(value, ref pos);
            bool isParameter = pos < value.Length && value[pos] == '=' && current is not null;
            if (!isParameter)
            {
                current = new AuthChallenge(token);
                into.Add(current);
                pos = afterToken;
                continue;
            }
            pos++;   // past '='
            SkipSpaces(value, ref pos);
            bool quoted = pos < value.Length && value[pos] == '"';
            string? parameter = quoted ? ReadQuoted(value, ref pos) : ReadToken(value, ref pos);
            // A missing closing quote, a bare "name=" and a name given twice all make the challenge unusable.
            if (parameter is null || (!quoted && parameter.Length == 0) || !current!.Parameters.TryAdd(token, parameter))
                current!.Malformed = true;
            SkipSpaces(value, ref pos);
            if (pos < value.Length && value[pos] != ',')
            {
                current.Malformed = true;
                SkipElement(value, ref pos);
            }
        }
    }

    // RFC 9110 tchar.
    private static bool IsTokenChar(char c) =>
        c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9'
        || "!#$%&'*+-.^_`|~".Contains(c);

    private static bool IsSpace(char c) => c is ' ' or '\t';

    private static void SkipSpaces(string value, ref int pos)
    {
        while (pos < value.Length && IsSpace(value[pos])) pos++;
    }

    private static string ReadToken(string value, ref int pos)
    {
        int start = pos;
        while (pos < value.Length && IsTokenChar(value[pos])) pos++;
        return value[start..pos];
    }

    // A quoted-string with backslash escapes; null when the closing quote is missing.
    private static string? ReadQuoted(string value, ref int pos)
    {
        var text = new System.Text.StringBuilder();
        for (pos++; pos < value.Length; pos++)
        {
            char c = value[pos];
            if (c == '"')
            {
                pos++;
                return text.ToString();
            }
            if (c == '\\' && pos + 1 < value.Length) c = value[++pos];
            text.Append(c);
        }
        return null;
    }

    // Moves past the rest of a broken element, quoted commas included, to the next list separator.
    private static void SkipElement(string value, ref int pos)
    {
        bool quoted = false;
        for (; pos < value.Length; pos++)
        {
            char c = value[pos];
            if (quoted && c == '\\') pos++;
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) return;
        }
    }
}
