namespace Curlew.Http;

/// <summary>
/// Parses a response status line ("HTTP/1.1 200 OK") with libcurl 7.88's leniency and verdicts. libcurl reads the line
/// with scanf-style conversions, so whitespace before the code is skipped (tabs included), the reason may follow the
/// code without a space ("200OK"), "HTTP/2 200" is taken on a plain connection, and a version that is not a number at
/// all ("HTTP/x") is an HTTP/1.0 200. Everything else malformed is UnsupportedProtocol (1).
/// </summary>
internal static class HttpStatusLine
{
    /// <summary>
    /// Parses <paramref name="line"/> (starting with "HTTP/", line end removed) into the status code and the version
    /// as major*10+minor (10, 11 or 20), or throws the <see cref="CurlException"/> libcurl's verdict calls for.
    /// </summary>
    public static (int Code, int Version) Parse(ReadOnlySpan<byte> line)
    {
        int i = 5;   // after "HTTP/"
        SkipSpace(line, ref i);
        if (i == line.Length) throw UnsupportedVersion();   // nothing at all where the version belongs
        if (!IsDigit(line[i])) return (200, 10);            // "HTTP/x": libcurl's fallback for odd old servers
        int major = line[i++] - '0';

        int minor = -1;
        if (i < line.Length && line[i] == '.')
        {
            int j = i + 1;
            SkipSpace(line, ref j);
            if (j < line.Length && IsDigit(line[j])) { minor = line[j] - '0'; i = j + 1; }
        }
        if (minor < 0) return major >= 2 ? ShortForm(line) : throw UnsupportedVersion();

        // One separator byte, then up to three characters of a signed number after optional whitespace.
        if (i == line.Length) throw UnsupportedVersion();
        byte separator = line[i++];
        SkipSpace(line, ref i);
        if (!TryReadNumber(line, ref i, maxChars: 3, out long code)) throw UnsupportedVersion();
        if ((i < line.Length && IsDigit(line[i])) || code < 100) throw UnsupportedCode();
        if (separator != ' ') throw UnsupportedVersion();
        int version = major * 10 + minor;
        if (version is not (10 or 11 or 20))
            throw new CurlException(CurlCode.UnsupportedProtocol, $"Unsupported HTTP version ({major}.{minor}) in response");
        return ((int)code, version);
    }

    // "HTTP/2 200" (and "HTTP/3 200", which libcurl then refuses without QUIC): the digit must follow "HTTP/" directly;
    // the code is any number, with no range check.
    private static (int, int) ShortForm(ReadOnlySpan<byte> line)
    {
        int i = 5;
        if (line.Length <= i || line[i] is not ((byte)'2' or (byte)'3')) throw UnsupportedVersion();
        int major = line[i++] - '0';
        SkipSpace(line, ref i);
        if (!TryReadNumber(line, ref i, maxChars: 10, out long code)) throw UnsupportedVersion();
        if (major != 2) throw new CurlException(CurlCode.UnsupportedProtocol, $"Unsupported HTTP version ({major}.0) in response");
        return ((int)Math.Clamp(code, int.MinValue, int.MaxValue), 20);
    }

    // A scanf-style number: optional sign, then digits, at most maxChars characters in all (the sign counts).
    private static bool TryReadNumber(ReadOnlySpan<byte> s, ref int i, int maxChars, out long value)
    {
        value = 0;
        int end = Math.Min(s.Length, i + maxChars);
        int j = i;
        bool negative = false;
        if (j < end && s[j] is (byte)'+' or (byte)'-') negative = s[j++] == '-';
        int first = j;
        while (j < end && IsDigit(s[j])) value = value * 10 + (s[j++] - '0');
        if (j == first) return false;
        if (negative) value = -value;
        i = j;
        return true;
    }

    private static void SkipSpace(ReadOnlySpan<byte> s, ref int i)
    {
        while (i < s.Length && s[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0b or 0x0c) i++;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static CurlException UnsupportedVersion() => new(CurlCode.UnsupportedProtocol, "Unsupported HTTP version in response");

    private static CurlException UnsupportedCode() => new(CurlCode.UnsupportedProtocol, "Unsupported response code in HTTP response");
}
