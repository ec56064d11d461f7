namespace Curlew.Connect.Proxy;

/// <summary>The kinds of proxy hop, as libcurl's CURLPROXY_* types (<see cref="ProxyKinds.FromType"/> maps the numbers).</summary>
internal enum ProxyKind
{
    /// <summary>No proxy: a direct route (the default of a route).</summary>
    None,
    /// <summary>CURLPROXY_HTTP (0) and CURLPROXY_HTTP_1_0 (1).</summary>
    Http,
    /// <summary>CURLPROXY_HTTPS (2): TLS to the proxy itself. Not built.</summary>
    Https,
    /// <summary>CURLPROXY_SOCKS4 (4): the target resolved here, sent as an IPv4 address.</summary>
    Socks4,
    /// <summary>CURLPROXY_SOCKS4A (6): the target's name is resolved by the proxy.</summary>
    Socks4a,
    /// <summary>CURLPROXY_SOCKS5 (5): the target resolved here, sent as an address.</summary>
    Socks5,
    /// <summary>CURLPROXY_SOCKS5_HOSTNAME (7): the target's name is resolved by the proxy.</summary>
    Socks5h,
}

/// <summary>Maps CURLOPT_PROXYTYPE numbers and proxy URL schemes to <see cref="ProxyKind"/>.</summary>
internal static class ProxyKinds
{
    public static ProxyKind FromType(long type) => type switch
    {
        2 or 3 => ProxyKind.Https,
        4 => ProxyKind.Socks4,
        5 => ProxyKind.Socks5,
        6 => ProxyKind.Socks4a,
        7 => ProxyKind.Socks5h,
        _ => ProxyKind.Http,
    };

    /// <summary>The kind a proxy URL's scheme names (as libcurl reads them), or null for one libcurl refuses.</summary>
    public static ProxyKind? FromScheme(string scheme) => scheme.ToLowerInvariant() switch
    {
        "http" => ProxyKind.Http,
        "https" => ProxyKind.Https,
        "socks4" or "socks" => ProxyKind.Socks4,
        "socks4a" => ProxyKind.Socks4a,
        "socks5" => ProxyKind.Socks5,
        "socks5h" => ProxyKind.Socks5h,
        _ => null,
    };

    /// <summary>The port libcurl assumes when the proxy string names none: 443 for an HTTPS proxy, 1080 otherwise.</summary>
    public static int DefaultPort(ProxyKind kind) => kind == ProxyKind.Https ? 443 : 1080;
}
