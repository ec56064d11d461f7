using System.Net;
using System.Net.Sockets;
using Curlew.Sockets.Guard;

namespace Curlew;

/// <summary>
/// A policy that keeps a transfer away from internal addresses (server-side request forgery): cloud metadata, loopback,
/// private networks and every other special-purpose range. Set it on <see cref="CurlEasy.SsrfGuard"/>; Curlew then
/// judges the address of every connection attempt it makes, after name resolution, Resolve and ConnectTo rules and any
/// rewrite by the open-socket callback, so names that resolve inside, DNS rebinding, redirects and odd IP spellings are
/// all judged by where the socket would really go. A refused attempt opens no socket; when no address is left the
/// transfer fails with <see cref="CurlCode.CouldntConnect"/>.
/// Immutable once built and safe to share between handles and threads; a check allocates nothing.
/// Curlew-only: libcurl has no such option.
/// </summary>
public sealed class SsrfGuard
{
    private readonly AddressRange[] _allow, _deny;
    private readonly int[]? _ports;

    internal SsrfGuard(IReadOnlyList<IPNetwork> allowed, IReadOnlyList<IPNetwork> denied, IReadOnlyList<int>? ports,
        bool allowUnixSockets, bool allowProxyResolvedNames)
    {
        AllowedNetworks = [.. allowed];
        DeniedNetworks = [.. denied];
        _allow = [.. allowed.Select(AddressRange.From)];
        _deny = [.. denied.Select(AddressRange.From)];
        _ports = ports is null ? null : [.. ports.Distinct().Order()];
        AllowedPorts = _ports is null ? null : Array.AsReadOnly(_ports);   // not the array itself: a caller could write to it
        AllowUnixSockets = allowUnixSockets;
        AllowProxyResolvedNames = allowProxyResolvedNames;
    }

    /// <summary>
    /// Denies every address that is not <see cref="SsrfAddressClass.Public"/> (see <see cref="SsrfAddressClass"/>), any
    /// port, no Unix domain sockets, and names that a proxy would resolve out of the guard's sight.
    /// </summary>
    public static SsrfGuard Default { get; } = new([], [], null, false, false);

    /// <summary>A builder that starts from <see cref="Default"/>.</summary>
    public static SsrfGuardBuilder CreateBuilder() => new();

    /// <summary>Networks let through even when their class is denied (checked first; an IPv4 network also covers the IPv6 forms that carry its addresses).</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; }

    /// <summary>Networks refused on top of the denied classes (e.g. a public range of your own).</summary>
    public IReadOnlyList<IPNetwork> DeniedNetworks { get; }

    /// <summary>The only ports connections may go to, ascending; null (the default) = any port.</summary>
    public IReadOnlyList<int>? AllowedPorts { get; }

    /// <summary>Whether connections to a Unix domain socket (<see cref="CurlEasy.UnixSocketPath"/>) are allowed. Default false.</summary>
    public bool AllowUnixSockets { get; }

    /// <summary>
    /// Whether a target name may be handed to a proxy that resolves it itself (an HTTP proxy, HTTP CONNECT, SOCKS5h):
    /// the guard never sees that address. Default false: such a transfer is refused under the guard. Targets given
    /// as IP addresses are judged either way, and a SOCKS5 target resolved by Curlew is judged like any other address.
    /// </summary>
    public bool AllowProxyResolvedNames { get; }

    /// <summary>A builder holding this guard's settings, to derive a new guard from it.</summary>
    public SsrfGuardBuilder ToBuilder() => new(this);

    /// <summary>The class <paramref name="address"/> falls in (<see cref="SsrfAddressClass.Public"/> for an ordinary address).</summary>
    public static SsrfAddressClass Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return SsrfAddressClassifier.Classify(address);
    }

    /// <summary>
    /// Whether a connection to <paramref name="target"/> is allowed. When it is not, <paramref name="reason"/> says why
    /// in a few words ("link-local address", "port not allowed", ...); null when allowed. Allocates nothing.
    /// </summary>
    public bool IsAllowed(EndPoint target, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(target);
        switch (target)
        {
            case IPEndPoint ip:
                return IsAllowed(ip.Address, ip.Port, out reason);
            case UnixDomainSocketEndPoint:
                reason = AllowUnixSockets ? null : "Unix domain socket";
                return AllowUnixSockets;
            default:
                reason = "not an IP address";   // a DnsEndPoint would be resolved by the socket, out of the guard's sight
                return false;
        }
    }

    /// <summary>Whether a connection to <paramref name="address"/> on <paramref name="port"/> is allowed; see <see cref="IsAllowed(EndPoint, out string?)"/>.</summary>
    public bool IsAllowed(IPAddress address, int port, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_ports is not null && Array.BinarySearch(_ports, port) < 0)
        {
            reason = "port not allowed";
            return false;
        }
        var bits = new AddressBits(address);
        if (AddressRange.AnyContains(_allow, bits))
        {
            reason = null;
            return true;
        }
        if (AddressRange.AnyContains(_deny, bits))
        {
            reason = "denied network";
            return false;
        }
        var kind = SsrfAddressClassifier.Classify(bits);
        reason = kind == SsrfAddressClass.Public ? null : SsrfAddressClassifier.Describe(kind);
        return reason is null;
    }
}
