using System.Buffers.Binary;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>
/// Properties over many addresses: an IPv4 address and every IPv6 form that carries it are judged alike, so no
/// spelling walks round the guard; every address of a denied block is denied, on any port.
/// </summary>
public class SsrfGuardPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(3000);

    // The denied IPv4 blocks and their classes, as the task lists them (independent of the guard's own table).
    private static readonly (uint Network, int Prefix, SsrfAddressClass Class)[] DeniedV4 =
    [
        (V4(0, 0, 0, 0), 8, SsrfAddressClass.Unspecified), (V4(10, 0, 0, 0), 8, SsrfAddressClass.Private),
        (V4(100, 64, 0, 0), 10, SsrfAddressClass.SharedAddressSpace), (V4(127, 0, 0, 0), 8, SsrfAddressClass.Loopback),
        (V4(169, 254, 0, 0), 16, SsrfAddressClass.LinkLocal), (V4(172, 16, 0, 0), 12, SsrfAddressClass.Private),
        (V4(192, 0, 0, 0), 24, SsrfAddressClass.IetfProtocol), (V4(192, 0, 2, 0), 24, SsrfAddressClass.Documentation),
        (V4(192, 168, 0, 0), 16, SsrfAddressClass.Private), (V4(198, 18, 0, 0), 15, SsrfAddressClass.Benchmarking),
        (V4(198, 51, 100, 0), 24, SsrfAddressClass.Documentation), (V4(203, 0, 113, 0), 24, SsrfAddressClass.Documentation),
        (V4(224, 0, 0, 0), 4, SsrfAddressClass.Multicast), (V4(240, 0, 0, 0), 5, SsrfAddressClass.Reserved),   // 240/4 less its upper half, which holds the broadcast address
    ];

    [Fact]
    public void Every_address_of_a_denied_ipv4_block_is_denied_in_every_ipv6_embedding_on_every_port()
    {
        var cases = from block in Gen.Elements(DeniedV4)
                    from offset in Gen.Choose(0, int.MaxValue)
                    from port in Gen.Choose(0, 65535)
                    select (block, offset, port);
        var property = Prop.ForAll(Arb.From(cases), c =>
        {
            uint host = c.block.Prefix == 32 ? 0 : (uint)c.offset & (uint.MaxValue >> c.block.Prefix);
            uint v4 = c.block.Network | host;
            foreach (var form in Forms(v4))
            {
                Assert.Equal(c.block.Class, SsrfGuard.Classify(form));
                Assert.False(SsrfGuard.Default.IsAllowed(form, c.port, out var why), $"{form} port {c.port} was let through");
                Assert.NotNull(why);
            }
        });
        Check.One(Quick, property);
    }

    [Fact]
    public void Any_ipv4_address_gets_the_same_class_and_verdict_in_every_ipv6_embedding()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(int.MinValue, int.MaxValue)), (int raw) =>
        {
            uint v4 = unchecked((uint)raw);
            var plain = new IPAddress(Bytes(v4));
            var expected = SsrfGuard.Classify(plain);
            bool allowed = SsrfGuard.Default.IsAllowed(plain, 443, out _);
            Assert.Equal(allowed, expected == SsrfAddressClass.Public);
            foreach (var form in Forms(v4))
            {
                Assert.Equal(expected, SsrfGuard.Classify(form));
                Assert.Equal(allowed, SsrfGuard.Default.IsAllowed(form, 443, out _));
            }
        });
        Check.One(Quick, property);
    }

    [Fact]
    public void An_ipv4_address_outside_every_listed_block_is_public()
    {
        var outside = Gen.Choose(int.MinValue, int.MaxValue).Select(r => unchecked((uint)r))
            .Where(v4 => !DeniedV4.Any(b => (v4 & Mask(b.Prefix)) == b.Network) && (v4 & Mask(24)) != V4(192, 88, 99, 0) && (v4 & Mask(4)) != V4(240, 0, 0, 0));
        var property = Prop.ForAll(Arb.From(outside), v4 =>
        {
            var address = new IPAddress(Bytes(v4));
            Assert.Equal(SsrfAddressClass.Public, SsrfGuard.Classify(address));
            Assert.True(SsrfGuard.Default.IsAllowed(address, 80, out _));
        });
        Check.One(Quick, property);
    }

    [Fact]
    public void A_zone_id_never_changes_the_verdict()
    {
        var property = Prop.ForAll(Arb.From(Gen.Choose(0, 255).ArrayOf(16)), Arb.From(Gen.Choose(1, 1000)), (int[] raw, int scope) =>
        {
            var bytes = raw.Select(b => (byte)b).ToArray();
            var plain = new IPAddress(bytes);
            var zoned = new IPAddress(bytes, scope);
            Assert.Equal(SsrfGuard.Classify(plain), SsrfGuard.Classify(zoned));
            Assert.Equal(SsrfGuard.Default.IsAllowed(plain, 80, out _), SsrfGuard.Default.IsAllowed(zoned, 80, out _));
        });
        Check.One(Quick, property);
    }

    // IPv4 itself, IPv4-mapped, IPv4-compatible, IPv4-translated (SIIT), NAT64 and 6to4.
    private static IEnumerable<IPAddress> Forms(uint v4)
    {
        yield return new IPAddress(Bytes(v4));
        yield return V6(0, 0, 0xFFFF, v4);
        if (v4 > 1) yield return V6(0, 0, 0, v4);   // ::0.0.0.0 and ::0.0.0.1 are :: and ::1, classes of their own
        yield return V6(0, 0, 0xFFFF_0000, v4);
        yield return V6(0x0064_FF9B, 0, 0, v4);
        yield return V6(0x2002_0000 | v4 >> 16, v4 << 16, 0, 1);
    }

    private static IPAddress V6(uint a, uint b, uint c, uint d)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, a);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), b);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), c);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(12), d);
        return new IPAddress(bytes);
    }

    private static byte[] Bytes(uint v4)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, v4);
        return bytes;
    }

    private static uint V4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);

    private static uint Mask(int prefix) => prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
}
