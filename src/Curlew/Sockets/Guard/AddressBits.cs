using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Sockets.Guard;

/// <summary>
/// An IP address as plain numbers, read without allocating: the IPv6 bits, or the IPv4 bits, plus the IPv4 address an
/// IPv6 address carries to its host when it has one. The zone (scope id) plays no part: fe80::1%eth0 is fe80::1.
/// </summary>
internal readonly struct AddressBits
{
    private static readonly UInt128 MappedPrefix = new(0, 0x0000_FFFF_0000_0000);      // ::ffff:0:0/96
    private static readonly UInt128 TranslatedPrefix = new(0, 0xFFFF_0000_0000_0000);  // ::ffff:0:0:0/96 (SIIT)
    private static readonly UInt128 Nat64Prefix = new(0x0064_FF9B_0000_0000, 0);        // 64:ff9b::/96
    private static readonly UInt128 Low96Mask = ~(UInt128)0 << 32;

    public AddressBits(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out int written);
        if (written == 4)
        {
            IsV4 = true;
            V4 = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            HasV4 = true;
            return;
        }
        V6 = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        HasV4 = TryEmbeddedV4(V6, out var v4);
        V4 = v4;
    }

    /// <summary>The address is IPv4 itself.</summary>
    public bool IsV4 { get; }

    /// <summary>The IPv6 address's 128 bits (0 for IPv4).</summary>
    public UInt128 V6 { get; }

    /// <summary>Whether <see cref="V4"/> is meaningful: an IPv4 address, or an IPv6 form that carries one.</summary>
    public bool HasV4 { get; }

    /// <summary>The IPv4 address, or the one an IPv6 address carries.</summary>
    public uint V4 { get; }

    public static bool IsIp(EndPoint endPoint) => endPoint.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;

    // The IPv6 forms whose traffic ends at the IPv4 address inside them: a check of the IPv6 address alone could be
    // walked round with ::ffff:127.0.0.1 or 64:ff9b::a9fe:a9fe. :: and ::1 are not IPv4-compatible forms of 0.0.0.x.
    private static bool TryEmbeddedV4(UInt128 v6, out uint v4)
    {
        v4 = (uint)(v6 & uint.MaxValue);
        var high = v6 & Low96Mask;
        if (high == MappedPrefix || high == TranslatedPrefix || high == Nat64Prefix) return true;
        if (high == 0) return v6 > 1;   // IPv4-compatible ::a.b.c.d (deprecated, still accepted by some stacks)
        if ((ushort)(v6 >> 112) == 0x2002)   // 6to4: 2002:AABB:CCDD::/48 carries AA.BB.CC.DD
        {
            v4 = (uint)(v6 >> 80);
            return true;
        }
        return false;
    }
}
