using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Turns a route into the addresses to try: its Unix socket, or its connect host resolved (Resolve pins, IP literals,
/// DNS) and paired with its connect port. The URL's IPv6 zone applies only when the connect host is the URL's host.
/// </summary>
internal sealed class RouteResolver(HostResolver hosts)
{
    public async ValueTask<EndPoint[]> ResolveAsync(Route route, IoContext io)
    {
        if (route.UnixSocketPath is { Length: > 0 } path) return [new UnixDomainSocketEndPoint(path)];
        var zone = string.Equals(route.ConnectHost, route.Host, StringComparison.OrdinalIgnoreCase) ? route.ZoneId : null;
        var addresses = await hosts.ResolveAsync(route.ConnectHost, zone, route.ConnectPort, io).ConfigureAwait(false);
        var targets = new EndPoint[addresses.Length];
        for (int i = 0; i < addresses.Length; i++) targets[i] = new IPEndPoint(addresses[i], route.ConnectPort);
        return targets;
    }
}
