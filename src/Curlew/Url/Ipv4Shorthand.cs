using System.Globalization;

namespace Curlew.Url;

/// <summary>
/// The numeric IPv4 forms libcurl normalises to a dotted quad: one to four dot-separated parts, each decimal,
/// octal (leading 0) or hexadecimal (0x), the last part filling the remaining bytes ("127.1", "0x7f.1", "2130706433").
/// Anything else ("256.1.1.1", "1.2.3.4.5", "08", "127.0.0.1.") is not an address and stays a host name.
/// </summary>
internal static class Ipv4Shorthand
{
    public static bool TryNormalize(string text, out string dottedQuad)
    {
        dottedQuad = "";
        Span<ulong> parts = stackalloc ulong[4];
        int count = 0;
        foreach (Range range in text.AsSpan().Split('.'))
        {
            if (count == 4 || !TryParsePart(text.AsSpan()[range], out parts[count]))
            {
                return false;
            }
            count++;
        }
        ulong address = 0;
        for (int i = 0; i < count - 1; i++)
        {
            if (parts[i] > 0xFF)
            {
                return false;
            }
            address |= parts[i] << (8 * (3 - i));
        }
        ulong lastLimit = 0xFFFFFFFFUL >> (8 * (count - 1));
        if (parts[count - 1] > lastLimit)
        {
            return false;
        }
        address |= parts[count - 1];
        dottedQuad = string.Create(CultureInfo.InvariantCulture,
            $"{(address >> 24) & 0xFF}.{(address >> 16) & 0xFF}.{(address >> 8) & 0xFF}.{address & 0xFF}");
        return true;
    }

    private static bool TryParsePart(ReadOnlySpan<char> part, out ulong value)
    {
        value = 0;
        if (part.IsEmpty || !char.IsAsciiDigit(part[0]))
        {
            return false;
        }
        int radix = 10;
        if (part.Length > 1 && part[0] == '0' && (part[1] | 0x20) == 'x')
        {
            radix = 16;
            part = part[2..];
            if (part.IsEmpty)
            {
                return false;
            }
        }
        else if (part[0] == '0')
        {
            radix = 8;
        }
        foreach (char c in part)
        {
            int digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiHexDigit(c) ? (c | 0x20) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return false;
            }
            value = value * (ulong)radix + (ulong)digit;
            if (value > 0xFFFFFFFFUL)
            {
                return false;
            }
        }
        return true;
    }
}
