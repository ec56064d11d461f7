using Curlew.Connect.Tcp;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;
using Curlew.Url;

namespace Curlew.Connect;

/// <summary>
/// Gives a protocol handler a connection to a URL's origin: a live cached one when allowed, otherwise a new one
/// (ConnectTo, then Resolve/DNS, then one socket attempt per address). Takes it back afterwards: into the cache when
/// it may be reused, closed otherwise.
/// </summary>
internal sealed class ConnectionProvider
{
    private readonly EasyOptions _options;
    private readonly ConnectionCache _cache;
    private readonly HostResolver _resolver;
    private readonly SocketConnector _connector;

    public ConnectionProvider(EasyOptions options, ConnectionCache cache, SocketFactory factory)
    {
        _options = options;
        _cache = cache;
        _resolver = new HostResolver(new ResolveEntries(options.Resolve), options.IpResolve, options.ConnectTimeoutMs);
        _connector = new SocketConnector(factory, options.TcpNoDelay, options.ConnectTimeoutMs);
    }

    /// <summary>New connections made so far (CURLINFO_NUM_CONNECTS).</summary>
    public int NewConnections { get; private set; }

    /// <summary>Microseconds from the start until the last new connection was up.</summary>
    public long ConnectTimeUs { get; private set; }
    public long NameLookupTimeUs { get; private set; }

    public async ValueTask<Connection> AcquireAsync(CurlUrl url, IoContext io, bool fresh)
    {
        if (!string.IsNullOrEmpty(_options.Proxy))
            throw new CurlException(CurlCode.NotBuiltIn, "Proxies are not supported by this Curlew release yet");

        var (connectHost, connectPort) = ConnectToRules.Apply(_options.ConnectTo, url.Host, url.Port);
        var key = new ConnectionKey(url.Scheme, url.Host, url.Port, connectHost, connectPort, _options.UnixSocketPath, _options.Proxy);
        if (!fresh && !_options.FreshConnect && _cache.TryTake(key) is { } cached)
        {
            cached.Uses++;
            io.Phase = TransferPhase.Transferring;   // nothing to resolve or connect: a timeout now is the transfer's
            io.Events.ConnectionReused(url.Host);
            if (io.Events.Enabled) io.Events.Info($"Re-using existing connection with host {url.Host}");
            return cached;   // nothing above throws (diagnostics swallow their failures), so the caller owns it now
        }

        IReadOnlyList<EndPoint> targets;
        if (_options.UnixSocketPath is { Length: > 0 } path)
        {
            targets = [new UnixDomainSocketEndPoint(path)];
        }
        else
        {
            io.Phase = TransferPhase.Resolving;
            var zone = string.Equals(connectHost, url.Host, StringComparison.OrdinalIgnoreCase) ? url.ZoneId : null;
            var addresses = await _resolver.ResolveAsync(connectHost, zone, connectPort, io).ConfigureAwait(false);
            NameLookupTimeUs = io.ElapsedMicroseconds;
            var list = new EndPoint[addresses.Length];
            for (int i = 0; i < addresses.Length; i++) list[i] = new IPEndPoint(addresses[i], connectPort);
            targets = list;
        }

        io.Phase = TransferPhase.Connecting;
        io.Events.ConnectionStart(connectHost, connectPort);
        var socket = await _connector.ConnectAsync(targets, connectHost, connectPort, io).ConfigureAwait(false);
        // The typed property skips SetOpt's range check, so clamp here as libcurl clamps CURLOPT_BUFFERSIZE.
        int bufferSize = Math.Clamp(_options.BufferSize, 1024, 10 * 1024 * 1024);
        Connection connection;
        try { connection = new Connection(socket, socket, key, bufferSize) { Uses = 1 }; }
        catch
        {
            socket.Close();   // say, the buffer could not be had: the socket must not be left without an owner
            throw;
        }
        NewConnections++;
        io.Events.ConnectionStop(connection.RemoteIp ?? connectHost);
        ConnectTimeUs = io.ElapsedMicroseconds;
        io.Phase = TransferPhase.Transferring;
        return connection;
    }

    /// <summary>Takes a connection back after a transfer: cached when <paramref name="reusable"/> and allowed, closed otherwise.</summary>
    public void Release(Connection connection, bool reusable, Diagnostics.TransferEvents events)
    {
        if (reusable && !_options.ForbidReuse && !connection.IsClosed)
        {
            _cache.Return(connection, _options.MaxConnects);
            if (events.Enabled) events.Info($"Connection to host {connection.Key.Host} left intact");
            events.ConnectionReleased(connection.Key.Host, kept: true);
        }
        else
        {
            connection.Close();
            if (events.Enabled) events.Info($"Closing connection to host {connection.Key.Host}");
            events.ConnectionReleased(connection.Key.Host, kept: false);
        }
    }
}
