using System.Net;
using System.Net.Sockets;

namespace Curlew.Sockets.Guard;

/// <summary>One CIDR block as numbers, so a match is a mask and a compare: no allocation, unlike IPNetwork for an embedded IPv4.</summary>
internal readonly struct AddressRange
{
    private readonly bool _v4;
    private readonly uint _v4Base, _v4Mask;
    private readonly UInt128 _v6Base, _v6Mask;

    private AddressRange(bool v4, uint v4Base, uint v4Mask, UInt128 v6Base, UInt128 v6Mask)
    {
        (_v4, _v4Base, _v4Mask, _v6Base, _v6Mask) = (v4, v4Base, v4Mask, v6Base, v6Mask);
    }

    public static AddressRange V4(uint network, int prefix)
    {
        uint mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return new(true, network & mask, mask, 0, 0);
    }

    public static AddressRange V6(UInt128 network, int prefix)
    {
        UInt128 mask = prefix == 0 ? 0 : UInt128.MaxValue << (128 - prefix);
        return new(false, 0, 0, network & mask, mask);
    }

    public static AddressRange From(IPNetwork network)
    {
        var bits = new AddressBits(network.BaseAddress);
        return network.BaseAddress.AddressFamily == AddressFamily.InterNetwork
            ? V4(bits.V4, network.PrefixLength)
            : V6(bits.V6, network.PrefixLength);
    }

    /// <summary>An IPv4 range matches an IPv4 address or the IPv4 address an IPv6 form carries; an IPv6 range matches IPv6 bits.</summary>
    public bool Contains(in AddressBits address) =>
        _v4 ? address.HasV4 && (address.V4 & _v4Mask) == _v4Base
            : !address.IsV4 && (address.V6 & _v6Mask) == _v6Base;

    public static bool AnyContains(AddressRange[] ranges, in AddressBits address)
    {
        foreach (var range in ranges) if (range.Contains(address)) return true;
        return false;
    }
}
