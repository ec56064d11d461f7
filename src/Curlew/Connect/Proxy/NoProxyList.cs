using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect.Proxy;

/// <summary>
/// CURLOPT_NOPROXY / NO_PROXY as libcurl 7.88 reads it: a comma-separated list (blanks around entries ignored); "*"
/// alone means every host. A name matches an entry equal to it or a domain suffix of it at a dot (a leading dot on the
/// entry is ignored, case never matters). An IP address host matches an entry that is the same address, or a CIDR
/// range (<c>192.168.0.0/16</c>, <c>fe80::/10</c>) containing it; names never match address entries.
/// </summary>
internal static class NoProxyList
{
    public static bool Matches(string? list, string host)
    {
        if (string.IsNullOrEmpty(list)) return false;
        if (list.Trim() == "*") return true;
        var name = host.TrimEnd('.');
        if (name.StartsWith('[') && name.EndsWith(']')) name = name[1..^1];
        bool isAddress = IPAddress.TryParse(name, out var address);
        foreach (var raw in list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (isAddress ? AddressMatches(address!, raw) : NameMatches(name, raw)) return true;
        }
        return false;
    }

    private static bool NameMatches(string name, string entry)
    {
        var token = entry.StartsWith('.') ? entry[1..] : entry;
        token = token.TrimEnd('.');
        if (token.Length == 0) return false;
        if (token.Length == name.Length) return string.Equals(token, name, StringComparison.OrdinalIgnoreCase);
        return token.Length < name.Length && name[name.Length - token.Length - 1] == '.'
            && name.EndsWith(token, StringComparison.OrdinalIgnoreCase);
    }

    private static bool AddressMatches(IPAddress address, string entry)
    {
        int slash = entry.IndexOf('/');
        var text = slash < 0 ? entry : entry[..slash];
        if (text.StartsWith('[') && text.EndsWith(']')) text = text[1..^1];
        if (!IPAddress.TryParse(text, out var network) || network.AddressFamily != address.AddressFamily) return false;
        int fullBits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        int bits = fullBits;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out bits) || bits > fullBits))
            return false;
        if (bits == 0) bits = fullBits;   // libcurl reads "/0" as no mask: the address must be equal
        return SamePrefix(address.GetAddressBytes(), network.GetAddressBytes(), bits);
    }

    private static bool SamePrefix(byte[] a, byte[] b, int bits)
    {
        int whole = bits / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole))) return false;
        int rest = bits % 8;
        if (rest == 0) return true;
        int mask = 0xFF << (8 - rest) & 0xFF;
        return (a[whole] & mask) == (b[whole] & mask);
    }
}
