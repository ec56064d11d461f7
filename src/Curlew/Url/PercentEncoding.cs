using System.Text;

namespace Curlew.Url;

/// <summary>Percent-decoding of URL parts (user, password, host) and the encoding libcurl applies to redirect targets.</summary>
internal static class PercentEncoding
{
    /// <summary>
    /// Decodes %XX escapes, reading the resulting bytes as UTF-8. Escapes that are not two hex digits stay as written.
    /// Returns null when a decoded byte is a control character (below 0x20), which libcurl refuses in these parts.
    /// </summary>
    public static string? DecodeRejectingControls(string text)
    {
        if (!text.Contains('%'))
        {
            return text;
        }
        var bytes = new List<byte>(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length;)
        {
            if (text[i] == '%' && i + 2 < text.Length && char.IsAsciiHexDigit(text[i + 1]) && char.IsAsciiHexDigit(text[i + 2]))
            {
                byte value = (byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2]));
                if (value < 0x20)
                {
                    return null;
                }
                bytes.Add(value);
                i += 3;
                continue;
            }
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            int written = rune.EncodeToUtf8(utf8);
            for (int b = 0; b < written; b++)
            {
                bytes.Add(utf8[b]);
            }
            i += consumed;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>
    /// What libcurl does to a Location value before parsing it: spaces become %20 and non-ASCII characters their
    /// UTF-8 bytes as %XX. Everything else, including existing escapes and control characters, is left alone.
    /// </summary>
    public static string EncodeSpacesAndNonAscii(ReadOnlySpan<char> text)
    {
        var sb = new StringBuilder(text.Length + 8);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length;)
        {
            char c = text[i];
            if (c == ' ')
            {
                sb.Append("%20");
                i++;
            }
            else if (c < 0x80)
            {
                sb.Append(c);
                i++;
            }
            else
            {
                Rune.DecodeFromUtf16(text[i..], out Rune rune, out int consumed);
                int written = rune.EncodeToUtf8(utf8);
                for (int b = 0; b < written; b++)
                {
                    sb.Append('%').Append(utf8[b].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
                i += consumed;
            }
        }
        return sb.ToString();
    }

    /// <summary>
    /// The request target as libcurl sends it: non-ASCII characters become their UTF-8 bytes as lower-case %xx;
    /// everything else is kept. Returns <paramref name="text"/> itself when it is all ASCII (the usual case).
    /// </summary>
    public static string EncodeNonAsciiLower(string text)
    {
        int first = text.AsSpan().IndexOfAnyExceptInRange('\0', '\x7f');
        if (first < 0) return text;
        var sb = new StringBuilder(text.Length + 16).Append(text, 0, first);
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = first; i < text.Length;)
        {
            if (text[i] < 0x80) { sb.Append(text[i++]); continue; }
            Rune.DecodeFromUtf16(text.AsSpan(i), out Rune rune, out int consumed);
            int written = rune.EncodeToUtf8(utf8);
            for (int b = 0; b < written; b++)
                sb.Append('%').Append(utf8[b].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            i += consumed;
        }
        return sb.ToString();
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
