namespace Curlew.Url;

/// <summary>
/// Strict IPv6 text validation in the manner of inet_pton: groups of one to four hex digits, at most one "::"
/// that stands for at least one zero group, and an optional dotted IPv4 tail (no leading zeros) worth two groups.
/// </summary>
internal static class Ipv6Literal
{
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length < 2)
        {
            return false;
        }
        if (text[0] == ':' && text[1] != ':')
        {
            return false;
        }
        int groups = 0;
        bool sawDoubleColon = false;
        int i = text[0] == ':' ? 1 : 0;
        while (i < text.Length)
        {
            if (text[i] == ':')
            {
                if (sawDoubleColon)
                {
                    return false;
                }
                sawDoubleColon = true;
                i++;
                if (i == text.Length)
                {
                    break;
                }
                continue;
            }
            int end = i;
            while (end < text.Length && char.IsAsciiHexDigit(text[end]) && end - i < 5)
            {
                end++;
            }
            if (end < text.Length && text[end] == '.')
            {
                if (!IsDottedQuad(text[i..]))
                {
                    return false;
                }
                groups += 2;
                i = text.Length;
                break;
            }
            if (end == i || end - i > 4)
            {
                return false;
            }
            groups++;
            i = end;
            if (i < text.Length)
            {
                if (text[i] != ':' || i + 1 == text.Length)
                {
                    return false;
                }
                i++;
            }
        }
        return sawDoubleColon ? groups < 8 : groups == 8;
    }

    private static bool IsDottedQuad(ReadOnlySpan<char> text)
    {
        int parts = 0;
        foreach (Range range in text.Split('.'))
        {
            ReadOnlySpan<char> part = text[range];
            if (++parts > 4 || part.IsEmpty || part.Length > 3 || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }
            int value = 0;
            foreach (char c in part)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255)
            {
                return false;
            }
        }
        return parts == 4;
    }
}
