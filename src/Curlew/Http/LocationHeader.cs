using System.Text;

namespace Curlew.Http;

/// <summary>
/// A <c>Location</c> header's value as URL text, prepared the way curl prepares it before resolving: every byte beyond
/// ASCII becomes a lowercase <c>%xx</c> escape of that very byte (so a UTF-8 or a Latin-1 path reaches the server byte
/// for byte, never re-encoded), and a space becomes <c>%20</c> before the query and <c>+</c> from the query on.
/// </summary>
internal static class LocationHeader
{
    public static string ToUrlText(ReadOnlySpan<byte> value)
    {
        if (!NeedsEscaping(value)) return Encoding.ASCII.GetString(value);
        var text = new StringBuilder(value.Length + 16);
        bool inQuery = false;
        foreach (var b in value)
        {
            if (b == (byte)'?') inQuery = true;
            if (b == (byte)' ') text.Append(inQuery ? "+" : "%20");
            else if (b >= 0x80) text.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0xF]);
            else text.Append((char)b);
        }
        return text.ToString();
    }

    private const string HexDigits = "0123456789abcdef";

    private static bool NeedsEscaping(ReadOnlySpan<byte> value)
    {
        foreach (var b in value)
            if (b >= 0x80 || b == (byte)' ') return true;
        return false;
    }
}
