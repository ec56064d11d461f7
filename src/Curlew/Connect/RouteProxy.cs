using System.Text;
using Curlew.Connect.Proxy;

namespace Curlew.Connect;

/// <summary>
/// The proxy hop of a <see cref="Route"/>, decided for the route's URL (<see cref="ProxyPlanner"/>): which kind, where,
/// the login it wants, and whether an HTTP proxy tunnels (CONNECT) or is sent the requests themselves. Part of the pool
/// key, so connections through different proxies, or with different proxy logins, are never shared.
/// <see cref="None"/> (the default) is a direct route.
/// </summary>
/// <param name="Kind">Which kind of proxy; <see cref="ProxyKind.None"/> for a direct route.</param>
/// <param name="Host">The proxy's host, which the socket connects to.</param>
/// <param name="Port">The proxy's port.</param>
/// <param name="User">The proxy login's user, or null.</param>
/// <param name="Password">The proxy login's password.</param>
/// <param name="Tunnel">An HTTP proxy asked to CONNECT (always for TLS schemes, and with HttpProxyTunnel).</param>
/// <param name="TargetHost">What the proxy is asked to reach (the origin after ConnectTo rules).</param>
/// <param name="TargetPort">The port the proxy is asked to reach.</param>
internal readonly record struct RouteProxy(ProxyKind Kind, string Host, int Port, string? User, string? Password, bool Tunnel,
    string TargetHost, int TargetPort)
{
    public static RouteProxy None => default;

    public bool IsSet => Kind != ProxyKind.None;

    /// <summary>An HTTP proxy that is sent the requests themselves (absolute-form), with no tunnel.</summary>
    public bool ForwardsRequests => Kind == ProxyKind.Http && !Tunnel;

    /// <summary>A SOCKS proxy of any version.</summary>
    public bool IsSocks => Kind is ProxyKind.Socks4 or ProxyKind.Socks4a or ProxyKind.Socks5 or ProxyKind.Socks5h;

    /// <summary>The Proxy-Authorization value (Basic, libcurl's default CURLOPT_PROXYAUTH), or null without a login.</summary>
    public string? BasicAuthorization =>
        User is null ? null : "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}"));
}
