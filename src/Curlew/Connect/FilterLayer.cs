namespace Curlew.Connect;

/// <summary>
/// One kind of layer a route may need (SOCKS, HTTP CONNECT, TLS): given the route and the top of the chain so far,
/// returns the new top stacked on it (not yet connected), or null when the route needs no such layer.
/// </summary>
internal delegate ConnectionFilter? FilterLayer(Route route, ConnectionFilter below);
