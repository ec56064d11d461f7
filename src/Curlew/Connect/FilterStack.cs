using System.Net;
using Curlew.Connect.Proxy;

namespace Curlew.Connect;

/// <summary>
/// Which layers go on a route's socket, bottom-up, as curl's filter setup stacks them: first the proxy hop (SOCKS5/5h
/// or HTTP CONNECT, from <see cref="Route.Proxy"/>), then TLS to the origin (from <see cref="Route.Tls"/>).
/// </summary>
internal static class FilterStack
{
    /// <summary>The layers every route is offered, in stacking order.</summary>
    public static IReadOnlyList<FilterLayer> Standard(Func<string, int, IoContext, ValueTask<IPAddress[]>> resolve, string? userAgent) =>
        [ProxyLayer.For(resolve, userAgent), Tls.TlsFilter.Stack];

    /// <summary>Refuses, before any socket is opened, a route that needs a layer this release does not have.</summary>
    public static void EnsureBuildable(Route route)
    {
        var proxy = route.Proxy;
        if (!proxy.IsSet) return;
        if (proxy.Kind is ProxyKind.Https or ProxyKind.Socks4 or ProxyKind.Socks4a)
            throw new CurlException(CurlCode.NotBuiltIn, $"{proxy.Kind switch { ProxyKind.Https => "HTTPS", ProxyKind.Socks4 => "SOCKS4", _ => "SOCKS4a" }} proxies are not supported by this Curlew release yet");
        if (route.Scheme is "ftp" or "ftps")
            throw new CurlException(CurlCode.NotBuiltIn, "FTP through a proxy is not supported by this Curlew release yet");
    }
}
