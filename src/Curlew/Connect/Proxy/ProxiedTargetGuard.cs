using System.Net;

namespace Curlew.Connect.Proxy;

/// <summary>
/// The SSRF guard's view of a target behind a proxy, where the socket goes to the proxy and the target is only named
/// to it. A target given as an IP address is judged like a direct one; a SOCKS5 target that Curlew resolves is judged
/// address by address; a name the proxy resolves itself (HTTP proxy, CONNECT, SOCKS5h) is out of the guard's sight, so
/// it is refused unless the guard allows proxy-resolved names. The proxy's own address goes through the socket
/// connector's check like any other.
/// </summary>
internal static class ProxiedTargetGuard
{
    /// <summary>Throws CouldntConnect when the route's proxied target is refused; nothing for a direct route.</summary>
    public static void Check(SsrfGuard guard, RouteProxy proxy, IoContext io)
    {
        if (!proxy.IsSet) return;
        var host = proxy.TargetHost.AsSpan().Trim("[]");
        if (IPAddress.TryParse(host, out var literal))
        {
            if (!guard.IsAllowed(literal, proxy.TargetPort, out var why)) throw Refusal(literal.ToString(), proxy.TargetPort, why!, io);
            return;
        }
        if (proxy.Kind == ProxyKind.Socks5) return;   // resolved here: Allowed judges the addresses
        if (guard.AllowProxyResolvedNames) return;
        throw Refusal(proxy.TargetHost, proxy.TargetPort,
            "the proxy would resolve the name out of the guard's sight; see SsrfGuard.AllowProxyResolvedNames", io);
    }

    /// <summary>The addresses of a locally resolved proxied target that the guard allows; CouldntConnect when none is.</summary>
    public static IPAddress[] Allowed(SsrfGuard guard, string host, int port, IPAddress[] resolved, IoContext io)
    {
        string? why = null;
        int allowed = 0;
        foreach (var address in resolved) if (guard.IsAllowed(address, port, out why)) allowed++;
        if (allowed == resolved.Length) return resolved;
        if (allowed == 0) throw Refusal($"{host} ({resolved[^1]})", port, why!, io);
        var kept = new IPAddress[allowed];
        int n = 0;
        foreach (var address in resolved) if (guard.IsAllowed(address, port, out _)) kept[n++] = address;
        return kept;
    }

    private static CurlException Refusal(string where, int port, string why, IoContext io)
    {
        io.Events.Info($"SSRF guard refused {where} port {port} through the proxy ({why})");
        return new CurlException(CurlCode.CouldntConnect, $"Connection to {where} port {port} through the proxy refused by the SSRF guard ({why})");
    }
}
