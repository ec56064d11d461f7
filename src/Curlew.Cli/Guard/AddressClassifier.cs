using System.Net;
using System.Net.Sockets;

namespace Curlew.Cli.Guard;

/// <summary>
/// Says whether an IP address is one --deny-private refuses, and why: loopback (127.0.0.0/8, ::1), private (RFC 1918's
/// 10/8, 172.16/12, 192.168/16; unique local fc00::/7), link-local (169.254/16, fe80::/10), unspecified (0.0.0.0/8,
/// ::) or multicast (224/4, ff00::/8). An IPv6 address that carries an IPv4 one (IPv4-mapped ::ffff:a.b.c.d, and the
/// old IPv4-compatible ::a.b.c.d) is judged by the IPv4 address inside, since that is where the packets would go.
/// </summary>
internal static class AddressClassifier
{
    /// <summary>The kind of address that is refused ("loopback", "private", ...), or null for a public address.</summary>
    public static string? RefusedKind(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return V4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return "non-IP";
        Span<byte> b = stackalloc byte[16];
        address.TryWriteBytes(b, out _);
        if (address.Equals(IPAddress.IPv6None)) return "unspecified";   // ::, which the IPv4-compatible range also holds
        if (address.Equals(IPAddress.IPv6Loopback)) return "loopback";  // ::1, likewise
        if (CarriesV4(b)) return V4(b[12..]);
        if (b[0] == 0xff) return "multicast";
        if ((b[0] & 0xfe) == 0xfc) return "private";
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return "link-local";
        return null;
    }

    // ::a.b.c.d (IPv4-compatible) and ::ffff:a.b.c.d (IPv4-mapped).
    private static bool CarriesV4(ReadOnlySpan<byte> b) =>
        b[..10].IndexOfAnyExcept((byte)0) < 0 && ((b[10] == 0 && b[11] == 0) || (b[10] == 0xff && b[11] == 0xff));

    private static string? V4(ReadOnlySpan<byte> a)
    {
        if (a[0] == 0) return "unspecified";
        if (a[0] == 127) return "loopback";
        if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168)) return "private";
        if (a[0] == 169 && a[1] == 254) return "link-local";
        if ((a[0] & 0xf0) == 224) return "multicast";
        return null;
    }
}
