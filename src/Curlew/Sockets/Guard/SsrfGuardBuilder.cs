using System.Net;

namespace Curlew;

/// <summary>
/// Builds an <see cref="SsrfGuard"/>: starts from <see cref="SsrfGuard.Default"/>'s denials and adds allowed or denied
/// networks, a port list and switches. <see cref="Build"/> makes an immutable guard; the builder may go on being used.
/// </summary>
public sealed class SsrfGuardBuilder
{
    private readonly List<IPNetwork> _allowed = [], _denied = [];
    private List<int>? _ports;
    private bool _unix, _proxyNames;

    /// <summary>A builder with <see cref="SsrfGuard.Default"/>'s settings.</summary>
    public SsrfGuardBuilder() { }

    internal SsrfGuardBuilder(SsrfGuard from)
    {
        _allowed.AddRange(from.AllowedNetworks);
        _denied.AddRange(from.DeniedNetworks);
        _ports = from.AllowedPorts is { } ports ? [.. ports] : null;
        _unix = from.AllowUnixSockets;
        _proxyNames = from.AllowProxyResolvedNames;
    }

    /// <summary>Lets <paramref name="network"/> through whatever its class (and wins over <see cref="Deny(IPNetwork)"/>).</summary>
    public SsrfGuardBuilder Allow(IPNetwork network) { _allowed.Add(network); return this; }

    /// <summary>Lets the CIDR block <paramref name="cidr"/> (e.g. "10.1.2.0/24" or "127.0.0.1") through.</summary>
    /// <exception cref="FormatException">Not an address or CIDR block.</exception>
    public SsrfGuardBuilder Allow(string cidr) => Allow(ParseNetwork(cidr));

    /// <summary>Refuses <paramref name="network"/> even where its class is public.</summary>
    public SsrfGuardBuilder Deny(IPNetwork network) { _denied.Add(network); return this; }

    /// <summary>Refuses the CIDR block <paramref name="cidr"/>.</summary>
    /// <exception cref="FormatException">Not an address or CIDR block.</exception>
    public SsrfGuardBuilder Deny(string cidr) => Deny(ParseNetwork(cidr));

    /// <summary>Allows loopback: 127.0.0.0/8 and ::1.</summary>
    public SsrfGuardBuilder AllowLoopback() => Allow(new IPNetwork(IPAddress.Parse("127.0.0.0"), 8)).Allow(new IPNetwork(IPAddress.IPv6Loopback, 128));

    /// <summary>Allows the private networks: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 and fc00::/7.</summary>
    public SsrfGuardBuilder AllowPrivateNetworks() =>
        Allow("10.0.0.0/8").Allow("172.16.0.0/12").Allow("192.168.0.0/16").Allow("fc00::/7");

    /// <summary>Restricts connections to <paramref name="ports"/> (e.g. 80 and 443); adds to an earlier call. Default: any port.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A port outside 0 to 65535.</exception>
    public SsrfGuardBuilder AllowPorts(params int[] ports)
    {
        foreach (var port in ports) ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)port, 65535u, nameof(ports));
        (_ports ??= []).AddRange(ports);
        return this;
    }

    /// <summary>Allows (or, with false, refuses again) Unix domain sockets. Default refused.</summary>
    public SsrfGuardBuilder AllowUnixSockets(bool allow = true) { _unix = allow; return this; }

    /// <summary>See <see cref="SsrfGuard.AllowProxyResolvedNames"/>. Default false.</summary>
    public SsrfGuardBuilder AllowProxyResolvedNames(bool allow = true) { _proxyNames = allow; return this; }

    /// <summary>An immutable guard with the settings so far.</summary>
    public SsrfGuard Build() => new(_allowed, _denied, _ports, _unix, _proxyNames);

    // "127.0.0.1" alone is a one-address block; IPNetwork.Parse wants the prefix.
    private static IPNetwork ParseNetwork(string cidr)
    {
        ArgumentNullException.ThrowIfNull(cidr);
        if (cidr.Contains('/')) return IPNetwork.Parse(cidr);
        var address = IPAddress.Parse(cidr);
        return new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
    }
}
