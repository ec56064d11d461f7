using Curlew.Async;
using System.Runtime.CompilerServices;
using System.Net;
using Curlew.Connect.Tcp;
using Curlew.Sockets;
using Curlew.Url;

namespace Curlew.Connect;

/// <summary>
/// What a protocol handler asks for connections, for one perform: <see cref="AcquireAsync"/> gives a live pooled
/// connection of the URL's route when allowed, otherwise a newly built one; <see cref="ReleaseAsync"/> takes it back (pooled
/// when reusable, closed otherwise). It only orchestrates: <see cref="RoutePlanner"/> makes the route,
/// <see cref="ConnectionPool"/> keeps idle connections, <see cref="ConnectionBuilder"/> builds new ones and
/// <see cref="ConnectMetrics"/> counts them.
/// </summary>
internal sealed class ConnectionProvider(ConnectSettings settings, ConnectionPool pool, RoutePlanner routes, SocketFactory factory)
{
    /// <summary>
    /// Serves another perform of the same handle (kept by it, so a keep-alive loop allocates no provider): its
    /// settings, socket factory and pool, and counts from zero.
    /// </summary>
    public void Start(ConnectSettings nextSettings, SocketFactory nextFactory, ConnectionPool nextPool)
    {
        pool = nextPool;   // the handle's own pool, or a share's: a share can be attached between performs
        settings = nextSettings;
        factory = nextFactory;
        _builder = null;   // built from the settings; made again only when a perform needs a new connection
        _metrics = null;
    }

    // Made on first need: a keep-alive request served from the pool never pays for resolver and connector set-up.
    private ConnectionBuilder? _builder;

    private ConnectionBuilder Builder => _builder ??= new ConnectionBuilder(settings, factory);

    // Made with the first new connection, like the builder: a perform served from the pool allocates neither.
    private ConnectMetrics? _metrics;

    /// <summary>New connections made so far (CURLINFO_NUM_CONNECTS).</summary>
    public int NewConnections => _metrics?.NewConnections ?? 0;

    /// <summary>Microseconds from the start until the last new connection was up.</summary>
    public long ConnectTimeUs => _metrics?.ConnectTimeUs ?? 0;
    public long NameLookupTimeUs => _metrics?.NameLookupTimeUs ?? 0;

    /// <summary>Microseconds from the start until the last new connection's TLS handshake was done; 0 without one.</summary>
    public long AppConnectTimeUs => _metrics?.AppConnectTimeUs ?? 0;

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    public async ValueTask<Connection> AcquireAsync(CurlUrl url, IoContext io, bool fresh)
    {
        var route = routes.Plan(url, settings);
        bool mayReuse = !fresh && !settings.FreshConnect;
        while (true)
        {
            if (mayReuse && pool.TryTake(route, settings.MaxAgeConn, settings.MaxLifetimeConn) is { } cached)
            {
                cached.Uses++;
                io.Phase = TransferPhase.Transferring;   // nothing to resolve or connect: a timeout now is the transfer's
                io.Events.ConnectionReused(url.Host);
                if (io.Events.Enabled) io.Events.Info($"Re-using existing connection with host {url.Host}");
                return cached;   // nothing above throws (diagnostics swallow their failures), so the caller owns it now
            }
            if (!pool.IsLimited) break;
            var noRoom = pool.TryReserve(route, mayReuse, out var victim);
            if (noRoom is null) break;
            if (victim is not null) await CloseForRoomAsync(victim, io).ConfigureAwait(false);
            await WaitForRoomAsync(noRoom, io).ConfigureAwait(false);
        }
        var metrics = _metrics ??= new ConnectMetrics();
        if (!pool.IsLimited) return await Builder.BuildAsync(route, io, metrics).ConfigureAwait(false);
        Connection connection;
        try { connection = await Builder.BuildAsync(route, io, metrics).ConfigureAwait(false); }
        catch
        {
            pool.CancelReservation(route);
            throw;
        }
        pool.Track(connection);
        return connection;
    }

    // The oldest idle connection goes to make room (as libcurl, with its goodbye); the room is there once it is closed.
    // CloseAsync closes the socket (counting it out) even when the caller's token ends the goodbye.
    private static ValueTask CloseForRoomAsync(Connection victim, IoContext io)
    {
        if (!io.Synchronous) return victim.CloseAsync(io.UserToken);
        victim.Close();
        return ValueTask.CompletedTask;
    }

    // A multi handle's limits leave no room for another connection: the transfer is pending (libcurl's PENDING state)
    // until a connection closes or goes back idle. The wait counts against TimeoutMs, as in libcurl.
    private static async ValueTask WaitForRoomAsync(Task noRoom, IoContext io)
    {
        if (noRoom.IsCompleted) return;
        io.Phase = TransferPhase.Connecting;
        if (io.Events.Enabled) io.Events.Info("No connections available, the transfer waits for one");
        try
        {
            if (!io.Synchronous) await noRoom.WaitAsync(io.Token).ConfigureAwait(false);
            else if (!noRoom.Wait(io.RemainingMs, io.Token)) throw io.TimedOut();
        }
        catch (OperationCanceledException ex) { throw io.Interrupted(ex); }
    }

    /// <summary>
    /// Upgrades a live connection of this perform to TLS (FTP's AUTH on the control connection) and, as libcurl, ends
    /// CURLINFO_APPCONNECT_TIME there: the handshake is the connection's, made late.
    /// </summary>
    public async ValueTask StartTlsAsync(Connection connection, IoContext io)
    {
        await connection.StartTlsAsync(io).ConfigureAwait(false);
        (_metrics ??= new ConnectMetrics()).HandshakeDone(io);
    }

    /// <summary>
    /// An uncached connection to <paramref name="target"/> beside <paramref name="control"/> (FTP passive data), built
    /// like the control connection's chain under a connect deadline. Never pooled: the caller closes it.
    /// </summary>
    public async ValueTask<Connection> OpenDataConnectionAsync(IPEndPoint target, Connection control, IoContext io)
    {
        var connection = await Builder.BuildDataAsync(target, control.Route, io).ConfigureAwait(false);
        (_metrics ??= new ConnectMetrics()).CreatedData();   // CURLINFO_NUM_CONNECTS counts it, as libcurl does
        return connection;
    }

    /// <summary>
    /// The FTP active-mode listener on <paramref name="address"/> (ports <paramref name="firstPort"/> to
    /// <paramref name="lastPort"/>, 0 = any), from the open callback with purpose Accept. The caller owns it.
    /// </summary>
    public SocketAcceptor ListenForData(IPAddress address, int firstPort, int lastPort) =>
        SocketAcceptor.Listen(factory, address, firstPort, lastPort);

    /// <summary>
    /// Waits for the server's active-mode data connection on <paramref name="acceptor"/> (which closes its listener
    /// either way) and returns it as an uncached connection beside <paramref name="control"/>: the caller closes it.
    /// </summary>
    public async ValueTask<Connection> AcceptDataConnectionAsync(SocketAcceptor acceptor, long acceptTimeoutMs, Connection control, IoContext io)
    {
        var socket = await acceptor.AcceptAsync(acceptTimeoutMs, io).ConfigureAwait(false);
        try { return new Connection(socket, socket, control.Route, settings.BufferSize) { Uses = 1 }; }
        catch
        {
            socket.Close();
            throw;
        }
    }

    /// <summary>Whether <see cref="ReleaseAsync"/> would keep <paramref name="connection"/> if it is handed back reusable (ForbidReuse says no).</summary>
    public bool WillPool(Connection connection) => !settings.ForbidReuse && !connection.IsClosed;

    /// <summary>
    /// Takes a connection back after a transfer: pooled when <paramref name="reusable"/> and allowed (pushing the
    /// longest-idle ones out beyond MaxConnects, closed within this transfer by <paramref name="closeEvicted"/> when
    /// given, which may let the transfer hear their goodbye); otherwise closed, with the protocol's goodbye only when it
    /// is in step (<paramref name="reusable"/>). Goodbyes block a synchronous transfer, as in libcurl, and are awaited
    /// by an asynchronous one. Completes at once, allocating nothing, when no connection has to close.
    /// </summary>
    public ValueTask ReleaseAsync(Connection connection, bool reusable, IoContext io, Func<Connection, ValueTask>? closeEvicted = null)
    {
        if (reusable && WillPool(connection))
        {
            var evicted = pool.Return(connection, settings.MaxConnects, out bool refused);
            if (evicted is not null) return CloseEvictedThenReportAsync(connection, refused, evicted, io, closeEvicted);
            if (!refused)
            {
                Released(connection, kept: true, io.Events);
                return ValueTask.CompletedTask;
            }
        }
        if (!reusable) connection.Abandon();
        else if (io.Synchronous) connection.Close();
        else return CloseThenReportAsync(connection, io);
        Released(connection, kept: false, io.Events);
        return ValueTask.CompletedTask;
    }

    // As libcurl: the evicted connections go (with their goodbye, which this transfer may hear) before the returned
    // one is reported kept (or, refused by a pool whose handle went away, closed).
    private static async ValueTask CloseEvictedThenReportAsync(Connection returned, bool refused, List<Connection> evicted, IoContext io, Func<Connection, ValueTask>? closeEvicted)
    {
        foreach (var c in evicted)
        {
            try
            {
                var closing = closeEvicted?.Invoke(c) ?? (io.Synchronous ? default : c.CloseAsync(io.UserToken));
                // A synchronous transfer's goodbye completes inline (blocking I/O); should a layer not, wait bounded here.
                if (io.Synchronous && !closing.IsCompleted) closing.AsTask().Wait(Connection.GoodbyeTimeoutMs);
                else await closing.ConfigureAwait(false);
            }
            catch (Exception) { }   // closing is best effort for the transfer: its result is already decided
            finally { c.Close(); }  // idempotent: closed exactly once whatever the closer did
        }
        if (!refused) Released(returned, kept: true, io.Events);
        else if (!io.Synchronous) await CloseThenReportAsync(returned, io).ConfigureAwait(false);
        else
        {
            returned.Close();
            Released(returned, kept: false, io.Events);
        }
    }

    private static async ValueTask CloseThenReportAsync(Connection connection, IoContext io)
    {
        await connection.CloseAsync(io.UserToken).ConfigureAwait(false);
        Released(connection, kept: false, io.Events);
    }

    private static void Released(Connection connection, bool kept, Diagnostics.TransferEvents events)
    {
        if (events.Enabled) events.Info(kept ? $"Connection to host {connection.Route.Host} left intact" : $"Closing connection to host {connection.Route.Host}");
        events.ConnectionReleased(connection.Route.Host, kept);
    }
}
