using System.Net;

namespace Curlew.Connect.Proxy;

/// <summary>
/// The proxy layer of <see cref="FilterStack"/>: on a route through a SOCKS5 proxy the SOCKS handshake, through an HTTP
/// proxy that tunnels the CONNECT; nothing for a direct route or an HTTP proxy sent the requests themselves. A SOCKS5
/// target resolved here goes through the same resolver (Resolve pins, IP version) as the socket's own address.
/// </summary>
internal static class ProxyLayer
{
    public static FilterLayer For(Func<string, int, IoContext, ValueTask<IPAddress[]>> resolve, string? userAgent) =>
        (route, below) => route.Proxy switch
        {
            { Kind: ProxyKind.Socks5 or ProxyKind.Socks5h } proxy => new Socks5Filter(proxy, resolve, below),
            { Kind: ProxyKind.Http, Tunnel: true } proxy => new HttpConnectFilter(proxy, userAgent, below),
            _ => null,
        };
}
