using System.Net;

namespace Curlew.Sockets.Guard;

/// <summary>
/// The special-purpose address table behind <see cref="SsrfGuard"/>: which class an address falls in. Reads the
/// address once into numbers and walks two small arrays, so a check allocates nothing.
/// </summary>
internal static class SsrfAddressClassifier
{
    // Order matters only where blocks nest: the broadcast address before 240/4.
    private static readonly (AddressRange Range, SsrfAddressClass Class)[] V4Table =
    [
        (V4(0, 0, 0, 0, 8), SsrfAddressClass.Unspecified),
        (V4(10, 0, 0, 0, 8), SsrfAddressClass.Private),
        (V4(100, 64, 0, 0, 10), SsrfAddressClass.SharedAddressSpace),
        (V4(127, 0, 0, 0, 8), SsrfAddressClass.Loopback),
        (V4(169, 254, 0, 0, 16), SsrfAddressClass.LinkLocal),
        (V4(172, 16, 0, 0, 12), SsrfAddressClass.Private),
        (V4(192, 0, 0, 0, 24), SsrfAddressClass.IetfProtocol),
        (V4(192, 0, 2, 0, 24), SsrfAddressClass.Documentation),
        (V4(192, 88, 99, 0, 24), SsrfAddressClass.Reserved),
        (V4(192, 168, 0, 0, 16), SsrfAddressClass.Private),
        (V4(198, 18, 0, 0, 15), SsrfAddressClass.Benchmarking),
        (V4(198, 51, 100, 0, 24), SsrfAddressClass.Documentation),
        (V4(203, 0, 113, 0, 24), SsrfAddressClass.Documentation),
        (V4(224, 0, 0, 0, 4), SsrfAddressClass.Multicast),
        (V4(255, 255, 255, 255, 32), SsrfAddressClass.Broadcast),
        (V4(240, 0, 0, 0, 4), SsrfAddressClass.Reserved),
    ];

    // Checked after the forms that carry an IPv4 address; Teredo and benchmarking before the IETF block they sit in.
    private static readonly (AddressRange Range, SsrfAddressClass Class)[] V6Table =
    [
        (V6(0x0064_FF9B_0001, 0, 48), SsrfAddressClass.Private),
        (V6(0x0100_0000_0000, 0, 64), SsrfAddressClass.Discard),
        (V6(0x2001_0000_0000, 0, 32), SsrfAddressClass.Teredo),
        (V6(0x2001_0002_0000, 0, 48), SsrfAddressClass.Benchmarking),
        (V6(0x2001_0DB8_0000, 0, 32), SsrfAddressClass.Documentation),
        (V6(0x2001_0000_0000, 0, 23), SsrfAddressClass.IetfProtocol),
        (V6(0x3FFF_0000_0000, 0, 20), SsrfAddressClass.Documentation),
        (V6(0xFC00_0000_0000, 0, 7), SsrfAddressClass.UniqueLocal),
        (V6(0xFE80_0000_0000, 0, 10), SsrfAddressClass.LinkLocal),
        (V6(0xFEC0_0000_0000, 0, 10), SsrfAddressClass.SiteLocal),
        (V6(0xFF00_0000_0000, 0, 8), SsrfAddressClass.Multicast),
    ];

    private static readonly AddressRange GlobalUnicast = V6(0x2000_0000_0000, 0, 3);

    public static SsrfAddressClass Classify(IPAddress address) => Classify(new AddressBits(address));

    public static SsrfAddressClass Classify(in AddressBits address)
    {
        if (address.HasV4) return Lookup(V4Table, address) ?? SsrfAddressClass.Public;
        if (address.V6 == 0) return SsrfAddressClass.Unspecified;
        if (address.V6 == 1) return SsrfAddressClass.Loopback;
        if (Lookup(V6Table, address) is { } known) return known;
        return GlobalUnicast.Contains(address) ? SsrfAddressClass.Public : SsrfAddressClass.Reserved;
    }

    /// <summary>The words an error message uses for a class, e.g. "link-local address".</summary>
    public static string Describe(SsrfAddressClass kind) => kind switch
    {
        SsrfAddressClass.Unspecified => "unspecified address",
        SsrfAddressClass.Loopback => "loopback address",
        SsrfAddressClass.Private => "private address",
        SsrfAddressClass.SharedAddressSpace => "shared (carrier-grade NAT) address",
        SsrfAddressClass.LinkLocal => "link-local address",
        SsrfAddressClass.UniqueLocal => "unique local address",
        SsrfAddressClass.SiteLocal => "site-local address",
        SsrfAddressClass.Multicast => "multicast address",
        SsrfAddressClass.Broadcast => "broadcast address",
        SsrfAddressClass.Reserved => "reserved address",
        SsrfAddressClass.Benchmarking => "benchmarking address",
        SsrfAddressClass.IetfProtocol => "IETF protocol assignment",
        SsrfAddressClass.Documentation => "documentation address",
        SsrfAddressClass.Teredo => "Teredo tunnel address",
        SsrfAddressClass.Discard => "discard-only address",
        _ => "public address",
    };

    private static SsrfAddressClass? Lookup((AddressRange Range, SsrfAddressClass Class)[] table, in AddressBits address)
    {
        foreach (var (range, kind) in table) if (range.Contains(address)) return kind;
        return null;
    }

    private static AddressRange V4(byte a, byte b, byte c, byte d, int prefix) =>
        AddressRange.V4((uint)(a << 24 | b << 16 | c << 8 | d), prefix);

    // The top 48 bits of the network as one number (enough for every block here), then the prefix length.
    private static AddressRange V6(ulong top48, ulong rest, int prefix) =>
        AddressRange.V6(new UInt128(top48 << 16 | rest, 0), prefix);
}
