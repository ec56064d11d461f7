namespace Curlew;

/// <summary>
/// What kind of address an IP address is, as <see cref="SsrfGuard"/> judges it (IANA's special-purpose registries).
/// IPv6 forms that carry an IPv4 address to a host (IPv4-mapped, IPv4-compatible, IPv4-translated, NAT64 64:ff9b::/96,
/// 6to4 2002::/16) get the class of the IPv4 address they carry. Curlew-only; libcurl has no such notion.
/// </summary>
public enum SsrfAddressClass
{
    /// <summary>A globally reachable unicast address: the only class <see cref="SsrfGuard.Default"/> lets through.</summary>
    Public = 0,
    /// <summary>0.0.0.0/8 ("this network"; 0.0.0.0 reaches the local host on Linux) and ::/128.</summary>
    Unspecified,
    /// <summary>127.0.0.0/8 and ::1/128.</summary>
    Loopback,
    /// <summary>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918) and the local-use NAT64 prefix 64:ff9b:1::/48.</summary>
    Private,
    /// <summary>100.64.0.0/10, carrier-grade NAT (RFC 6598).</summary>
    SharedAddressSpace,
    /// <summary>169.254.0.0/16 (where cloud metadata services answer, e.g. 169.254.169.254) and fe80::/10.</summary>
    LinkLocal,
    /// <summary>fc00::/7, IPv6 unique local addresses (RFC 4193).</summary>
    UniqueLocal,
    /// <summary>fec0::/10, the deprecated IPv6 site-local range, still routed inside some networks.</summary>
    SiteLocal,
    /// <summary>224.0.0.0/4 and ff00::/8.</summary>
    Multicast,
    /// <summary>255.255.255.255.</summary>
    Broadcast,
    /// <summary>240.0.0.0/4, 192.88.99.0/24 (retired 6to4 relays), and IPv6 outside 2000::/3 that no other class names.</summary>
    Reserved,
    /// <summary>198.18.0.0/15 and 2001:2::/48 (RFC 2544 / 5180 benchmarking).</summary>
    Benchmarking,
    /// <summary>192.0.0.0/24 and 2001::/23 (IETF protocol assignments; Teredo has its own class).</summary>
    IetfProtocol,
    /// <summary>192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32 and 3fff::/20.</summary>
    Documentation,
    /// <summary>2001::/32, Teredo tunnels, whose far end (a client address inside the tunnel) the guard cannot judge.</summary>
    Teredo,
    /// <summary>100::/64, the IPv6 discard-only prefix.</summary>
    Discard,
}
