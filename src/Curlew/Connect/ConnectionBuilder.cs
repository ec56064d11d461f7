using System.Net;
using Curlew.Connect.Tcp;
using Curlew.Sockets;

namespace Curlew.Connect;

/// <summary>
/// Builds a connected chain for a route: resolves it, connects a socket (through the socket factory), stacks the
/// route's layers on it bottom-up and runs each layer's handshake in order, all under one connect deadline
/// (<c>ConnectTimeoutMs</c>, 0 = 300 s, and never past the transfer's <c>TimeoutMs</c>), as libcurl's connect timeout
/// covers name resolution and every handshake. A failure at any step closes what was built, so the socket still
/// reaches the close callback exactly once.
/// </summary>
internal sealed class ConnectionBuilder
{
    private readonly ConnectSettings _settings;
    private readonly RouteResolver _resolver;
    private readonly SocketConnector _connector;
    private readonly IReadOnlyList<FilterLayer> _layers;

    public ConnectionBuilder(ConnectSettings settings, SocketFactory factory, IReadOnlyList<FilterLayer>? layers = null)
    {
        _settings = settings;
        var hosts = new HostResolver(new ResolveEntries(settings.Resolve), settings.IpResolve, settings.ConnectTimeoutMs);
        _resolver = new RouteResolver(hosts);
        _connector = new SocketConnector(factory, settings.TcpNoDelay, settings.Guard);
        Func<string, int, IoContext, ValueTask<IPAddress[]>> resolve = (host, port, io) => hosts.ResolveAsync(host, null, port, io);
        if (settings.Guard is { } guard)
        {
            var unguarded = resolve;
            resolve = async (host, port, io) => Proxy.ProxiedTargetGuard.Allowed(guard, host, port, await unguarded(host, port, io).ConfigureAwait(false), io);
        }
        _layers = layers ?? FilterStack.Standard(resolve, settings.Proxy.UserAgent);
    }

    /// <summary>A new connection for <paramref name="route"/>, ready for a protocol (its <see cref="Connection.Uses"/> is 1).</summary>
    public async ValueTask<Connection> BuildAsync(Route route, IoContext io, ConnectMetrics metrics)
    {
        FilterStack.EnsureBuildable(route);
        if (_settings.Guard is { } guard) Proxy.ProxiedTargetGuard.Check(guard, route.Proxy, io);
        using var deadline = io.BeginConnect(_settings.ConnectTimeoutMs);
        io.Phase = TransferPhase.Resolving;
        var targets = await ResolveAsync(route, io).ConfigureAwait(false);
        io.ThrowIfStopped();   // a blocking lookup cannot be interrupted: judge the deadline once it returns
        if (route.UnixSocketPath is not { Length: > 0 }) metrics.Resolved(io);
        io.Phase = TransferPhase.Connecting;
        io.Events.ConnectionStart(route.ConnectHost, route.ConnectPort);
        var socket = await _connector.ConnectAsync(targets, route.ConnectHost, route.ConnectPort, io).ConfigureAwait(false);
        metrics.Created(io);   // libcurl counts a connection, and ends CONNECT_TIME, once TCP is up: a failed handshake still counts
        var connection = await FinishAsync(route, socket, io).ConfigureAwait(false);
        if (route.UsesTls && !route.StartsTls) metrics.HandshakeDone(io);   // a TLS upgrade later (FTP AUTH) ends it there
        io.Events.ConnectionStop(connection.RemoteIp ?? route.ConnectHost);
        return connection;
    }

    /// <summary>
    /// A second, uncached connection to <paramref name="target"/> (an FTP passive data connection): the same socket
    /// factory, the same layers as <paramref name="route"/> but TLS (later SOCKS), under a connect deadline of its own.
    /// FTPS data TLS is started by FTP once the server answered the transfer command: the server only accepts the data
    /// connection then, so a handshake now would wait forever. Never pooled: the caller closes it.
    /// </summary>
    public async ValueTask<Connection> BuildDataAsync(IPEndPoint target, Route route, IoContext io)
    {
        var dataRoute = route with { ConnectHost = target.Address.ToString(), ConnectPort = target.Port, UnixSocketPath = null, StartsTls = true };
        FilterStack.EnsureBuildable(dataRoute);
        using var deadline = io.BeginConnect(_settings.ConnectTimeoutMs);
        io.Phase = TransferPhase.Connecting;
        var socket = await _connector.ConnectAsync([target], dataRoute.ConnectHost, target.Port, io).ConfigureAwait(false);
        return await FinishAsync(dataRoute, socket, io).ConfigureAwait(false);
    }

    // An HTTP proxy's name that does not resolve is libcurl's CouldntResolveProxy (5); a SOCKS proxy's stays
    // CouldntResolveHost (6), as in libcurl 7.88.
    private async ValueTask<EndPoint[]> ResolveAsync(Route route, IoContext io)
    {
        try { return await _resolver.ResolveAsync(route, io).ConfigureAwait(false); }
        catch (CurlException ex) when (ex.Code == CurlCode.CouldntResolveHost && route.Proxy.Kind == Proxy.ProxyKind.Http)
        {
            throw new CurlException(CurlCode.CouldntResolveProxy, $"Could not resolve proxy: {route.ConnectHost}", ex);
        }
    }

    private async ValueTask<Connection> FinishAsync(Route route, SocketFilter socket, IoContext io)
    {
        var top = await StackAsync(route, socket, io).ConfigureAwait(false);
        try { return new Connection(top, socket, route, _settings.BufferSize) { Uses = 1 }; }
        catch
        {
            top.Close();   // say, the buffer could not be had: the chain must not be left without an owner
            throw;
        }
    }

    // Bottom-up: each layer is connected before the next is stacked on it, and every handshake runs under the deadline.
    private async ValueTask<ConnectionFilter> StackAsync(Route route, SocketFilter socket, IoContext io)
    {
        ConnectionFilter top = socket;
        try
        {
            await socket.ConnectAsync(io).ConfigureAwait(false);   // the connector already made the TCP connection
            foreach (var layer in _layers)
            {
                if (layer(route, top) is not { } above) continue;
                top = above;
                await top.ConnectAsync(io).ConfigureAwait(false);
            }
            return top;
        }
        catch
        {
            top.Close();   // closes every layer below too, down to the socket
            throw;
        }
    }
}
