using System.Net;
using Curlew.Cli.Guard;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Curlew.Cli.Tests.Guard;

/// <summary>Which addresses --deny-private refuses, by table and by property over generated addresses.</summary>
public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.255.255.254", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("fc00::1", "private")]
    [InlineData("fdff:ffff::1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("febf::1", "link-local")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("0.1.2.3", "unspecified")]
    [InlineData("::", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("239.255.255.250", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:10.1.2.3", "private")]
    [InlineData("::ffff:169.254.0.1", "link-local")]
    [InlineData("::ffff:0.0.0.0", "unspecified")]
    [InlineData("::10.1.2.3", "private")]
    [InlineData("8.8.8.8", null)]
    [InlineData("172.15.255.255", null)]
    [InlineData("172.32.0.0", null)]
    [InlineData("192.169.0.1", null)]
    [InlineData("169.253.0.1", null)]
    [InlineData("223.255.255.255", null)]
    [InlineData("240.0.0.1", null)]
    [InlineData("::ffff:8.8.8.8", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("fec0::1", null)]
    [InlineData("fb00::1", null)]
    public void Classifies_each_range_at_its_edges(string address, string? expected) =>
        Assert.Equal(expected, AddressClassifier.RefusedKind(IPAddress.Parse(address)));

    private static Arbitrary<IPAddress> V4() =>
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 4).Select(b => new IPAddress(b)).ToArbitrary();

    private static Arbitrary<IPAddress> V6() =>
        Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), 16).Select(b => new IPAddress(b)).ToArbitrary();

    [Property]
    public Property An_IPv4_address_and_its_mapped_IPv6_form_are_judged_alike() =>
        Prop.ForAll(V4(), a => AddressClassifier.RefusedKind(a) == AddressClassifier.RefusedKind(a.MapToIPv6()));

    [Property]
    public Property Every_address_under_a_refused_prefix_is_refused() =>
        Prop.ForAll(V4(), V6(), (v4, v6) =>
        {
            byte[] a = v4.GetAddressBytes(), b = v6.GetAddressBytes();
            bool ok = true;
            ok &= AddressClassifier.RefusedKind(new IPAddress([10, a[1], a[2], a[3]])) == "private";
            ok &= AddressClassifier.RefusedKind(new IPAddress([172, (byte)(16 | (a[1] & 15)), a[2], a[3]])) == "private";
            ok &= AddressClassifier.RefusedKind(new IPAddress([127, a[1], a[2], a[3]])) == "loopback";
            ok &= AddressClassifier.RefusedKind(new IPAddress([(byte)(224 | (a[0] & 15)), a[1], a[2], a[3]])) == "multicast";
            b[0] = (byte)(0xfc | (b[0] & 1));
            ok &= AddressClassifier.RefusedKind(new IPAddress(b)) == "private";
            b[0] = 0xfe; b[1] = (byte)(0x80 | (b[1] & 0x3f));
            ok &= AddressClassifier.RefusedKind(new IPAddress(b)) == "link-local";
            b[0] = 0xff;
            ok &= AddressClassifier.RefusedKind(new IPAddress(b)) == "multicast";
            return ok;
        });

    [Property]
    public Property A_global_unicast_IPv6_address_passes() =>
        Prop.ForAll(V6(), v6 =>
        {
            byte[] b = v6.GetAddressBytes();
            b[0] = (byte)(0x20 | (b[0] & 0x1f));   // 2000::/3
            return AddressClassifier.RefusedKind(new IPAddress(b)) == null;
        });
}
