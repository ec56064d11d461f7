namespace Curlew.Connect;

/// <summary>
/// Which layers go on a route's socket, bottom-up, as curl's filter setup stacks them: first the proxy hop (SOCKS
/// 4/4a/5/5h or HTTP CONNECT, from <see cref="Route.Proxy"/>), then TLS to the origin (from <see cref="Route.Tls"/>).
/// This is the seam where those filters plug in; nothing above Connect changes when they do.
/// </summary>
internal static class FilterStack
{
    /// <summary>The layers every route is offered, in stacking order: TLS so far (proxies are not built yet).</summary>
    public static IReadOnlyList<FilterLayer> Standard { get; } = [Tls.TlsFilter.Stack];

    /// <summary>Refuses, before any socket is opened, a route that needs a layer this release does not have.</summary>
    public static void EnsureBuildable(Route route)
    {
        if (route.Proxy.IsSet)
            throw new CurlException(CurlCode.NotBuiltIn, "Proxies are not supported by this Curlew release yet");
    }
}
