using Curlew.Sockets;

namespace Curlew.Connect;

/// <summary>
/// Idle connections, keyed by <see cref="Route"/>: one handle's, or those of every handle attached to a share
/// (CURL_LOCK_DATA_CONNECT), so every member is safe to call from several threads at once. A transfer takes a live
/// idle connection of its route (dead or too old ones found on the way are closed) and gives it back when done; beyond <c>MaxConnects</c> the longest-idle
/// connection is closed. Every close here goes through <see cref="Connection.Close"/>, so eviction and
/// <see cref="CloseAll"/> reach the close callback exactly once. Idle accounting is explicit: a connection is either
/// in the idle list (counted by <see cref="IdleCount"/>) or owned by exactly one transfer, never both.
/// </summary>
internal sealed partial class ConnectionPool(SocketLedger ledger)
{
    private const int DefaultMaxConnects = 5;   // libcurl's default CURLOPT_MAXCONNECTS
    private readonly List<Connection> _idle = [];   // longest idle first; a handful, so a scan beats a dictionary
    private readonly Lock _gate = new();
    private bool _closed;                           // after CloseAll nothing is kept: a late return is closed at once

    public SocketLedger Ledger { get; } = ledger;

    /// <summary>Connections waiting for a transfer.</summary>
    public int IdleCount { get { lock (_gate) return _idle.Count; } }

    /// <summary>Idle connections closed because the pool was full (over the pool's life).</summary>
    public long Evicted { get; private set; }

    /// <summary>Idle connections found dead (peer closed, stray bytes) when a transfer looked for one.</summary>
    public long FoundDead { get; private set; }

    /// <summary>Idle connections closed because they were idle too long or lived too long (MaxAgeConn, MaxLifetimeConn).</summary>
    public long TooOld { get; private set; }

    private long _lastPrune = long.MinValue / 2;   // Environment.TickCount64 of the last age check over every route

    /// <summary>Idle connections of <paramref name="route"/>.</summary>
    public int IdleCountFor(Route route)
    {
        lock (_gate)
        {
            int n = 0;
            foreach (var c in _idle) if (c.Route.Equals(route)) n++;
            return n;
        }
    }

    /// <summary>
    /// Takes a live idle connection of <paramref name="route"/>, or null. The caller owns what it gets. On the way,
    /// idle connections of the route that are dead, idle longer than <paramref name="maxAgeSeconds"/> (CURLOPT_MAXAGE_CONN;
    /// negative = no limit) or older than <paramref name="maxLifetimeSeconds"/> (CURLOPT_MAXLIFETIME_CONN; 0 = no limit)
    /// are closed; at most once a second every other route's connections are checked for age too, as libcurl prunes
    /// its cache. Ages are whole seconds and must be exceeded, as libcurl counts them.
    /// </summary>
    public Connection? TryTake(Route route, long maxAgeSeconds = -1, long maxLifetimeSeconds = 0)
    {
        List<Connection>? stale = null;
        Connection? found = null;
        long now = Environment.TickCount64;
        lock (_gate)
        {
            if (_idle.Count == 0) return null;
            if (now - _lastPrune >= 1000)
            {
                _lastPrune = now;
                PruneAged(now, maxAgeSeconds, maxLifetimeSeconds, ref stale);
            }
            for (int i = _idle.Count - 1; i >= 0; i--)   // most recently used first: most likely still alive
            {
                var c = _idle[i];
                // Same instance on a keep-alive loop (RoutePlanner), so the reference test settles most lookups.
                if (!ReferenceEquals(c.Route, route) && !c.Route.Equals(route)) continue;
                _idle.RemoveAt(i);
                if (c.IsTooOld(now, maxAgeSeconds, maxLifetimeSeconds)) { (stale ??= []).Add(c); TooOld++; continue; }
                if (c.IsAliveForReuse()) { found = c; break; }
                (stale ??= []).Add(c);
                FoundDead++;
            }
        }
        if (stale is not null) foreach (var c in stale) c.Abandon();   // as libcurl: no QUIT to a peer that is gone or too old
        return found;
    }

    // Called under the gate: closes (after the gate is left) idle connections of any route that are too old.
    private void PruneAged(long now, long maxAgeSeconds, long maxLifetimeSeconds, ref List<Connection>? stale)
    {
        for (int i = _idle.Count - 1; i >= 0; i--)
        {
            var c = _idle[i];
            if (!c.IsTooOld(now, maxAgeSeconds, maxLifetimeSeconds)) continue;
            _idle.RemoveAt(i);
            (stale ??= []).Add(c);
            TooOld++;
        }
    }

    /// <summary>
    /// Puts a connection back as idle and takes out the longest-idle ones beyond <paramref name="maxConnects"/> (0 = 5);
    /// returns those for the caller to close (null when none), so the returning transfer can hear their goodbye, as in
    /// libcurl, and an asynchronous one need not block for it. When the pool is closed (its handle went away), the
    /// returned connection is not kept (<paramref name="refused"/>): the caller closes it too, and nobody hears that one.
    /// </summary>
    public List<Connection>? Return(Connection connection, long maxConnects, out bool refused)
    {
        int limit = maxConnects > 0 ? (int)Math.Min(maxConnects, int.MaxValue) : DefaultMaxConnects;
        List<Connection>? evicted = null;
        lock (_gate)
        {
            if (_closed) (evicted ??= []).Add(connection);   // the handle is going away: nobody hears this one
            else
            {
                connection.IdleSince = Environment.TickCount64;
                _idle.Add(connection);
            }
            if (_limits is not null) ReturnedUnderLimits(ref evicted);
            else while (_idle.Count > limit)
            {
                (evicted ??= []).Add(_idle[0]);
                _idle.RemoveAt(0);
                Evicted++;
            }
        }
        refused = evicted is not null && evicted.Remove(connection);
        return evicted is { Count: > 0 } ? evicted : null;
    }

    /// <summary>Closes every idle connection; later returns are closed at once (the handle is going away).</summary>
    public void CloseAll()
    {
        Connection[] all;
        lock (_gate) { all = [.. _idle]; _idle.Clear(); _closed = true; }
        foreach (var c in all) c.Close();
    }
}
