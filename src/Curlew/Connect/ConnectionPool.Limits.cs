using Curlew.Sockets;

namespace Curlew.Connect;

/// <summary>
/// A pool with <see cref="ConnectionLimits"/> (a multi handle's) counts every connection its transfers open, from the
/// moment room is reserved for it until it closes, per host and in total. A transfer that needs a new connection where
/// the limits leave no room closes an idle connection to make room when there is one (of the same host for the host
/// limit, the longest idle for the total), as libcurl does, and otherwise waits, pending, until a connection closes or
/// goes back idle (which it may then reuse).
/// </summary>
internal sealed partial class ConnectionPool
{
    private readonly ConnectionLimits? _limits;
    private readonly Dictionary<HostKey, int> _liveByHost = [];
    private int _live;
    private TaskCompletionSource _roomChanged = NewRoomSignal();
    private Action<Connection>? _countOut;

    /// <summary>A pool whose transfers keep to <paramref name="limits"/>.</summary>
    public ConnectionPool(SocketLedger ledger, ConnectionLimits limits) : this(ledger) => _limits = limits;

    /// <summary>Whether transfers must reserve room before opening a connection (<see cref="TryReserve"/>).</summary>
    public bool IsLimited => _limits is not null;

    /// <summary>Open connections counted by a limited pool, busy and idle, with reservations being connected.</summary>
    public int LiveConnections { get { lock (_gate) return _live; } }

    /// <summary>
    /// Reserves room for one new connection of <paramref name="route"/> and returns null; or returns a task that
    /// completes when room may have been made (an idle connection taken out as <paramref name="victim"/>, which the
    /// caller closes, a fit one gone back idle that the caller may reuse (<paramref name="mayReuse"/>), or a change the
    /// caller should wait for), after which the caller tries again from the start, reuse first. A reservation ends with
    /// <see cref="Track"/> or <see cref="CancelReservation"/>.
    /// </summary>
    /// <remarks>
    /// The victim is closed by the caller, not here, so an asynchronous transfer awaits its goodbye (an FTP QUIT may
    /// take seconds) instead of blocking a thread for it; it counts out (making the room) when it is closed.
    /// </remarks>
    public Task? TryReserve(Route route, bool mayReuse, out Connection? victim)
    {
        var limits = _limits ?? throw new InvalidOperationException("TryReserve on a pool without limits");
        var key = HostKey.Of(route);
        Task wait;
        victim = null;
        lock (_gate)
        {
            int host = _liveByHost.GetValueOrDefault(key);
            long maxHost = limits.MaxHostConnections, maxTotal = limits.MaxTotalConnections;
            bool full = (maxHost > 0 && host >= maxHost) || (maxTotal > 0 && _live >= maxTotal);
            // A fit connection went back idle since the caller looked: reuse it rather than close it to make room.
            if (full && mayReuse && HasIdle(route)) return Task.CompletedTask;
            if (maxHost > 0 && host >= maxHost) victim = TakeOldestIdle(key);
            else if (maxTotal > 0 && _live >= maxTotal) victim = TakeOldestIdle(null);
            else
            {
                _liveByHost[key] = host + 1;
                _live++;
                return null;
            }
            wait = _roomChanged.Task;
        }
        return victim is null ? wait : Task.CompletedTask;
    }

    /// <summary>The limits changed: pending transfers look again (a raised limit may leave them room now).</summary>
    public void LimitsChanged()
    {
        lock (_gate) SignalRoom();
    }

    /// <summary>Gives back room reserved for a connection that was never made (the connect failed).</summary>
    public void CancelReservation(Route route)
    {
        lock (_gate) CountOut(HostKey.Of(route));
    }

    /// <summary>Hands the reservation to <paramref name="connection"/>: it is counted until it closes, whoever closes it.</summary>
    public void Track(Connection connection) => connection.Closed = _countOut ??= c => { lock (_gate) CountOut(HostKey.Of(c.Route)); };

    // Called under the gate after a connection went back idle: libcurl's cache rule counts busy connections too, and
    // closes the longest-idle one when the pool holds more than the cache limit. Pending transfers may now reuse the
    // returned connection, so they are woken.
    private void ReturnedUnderLimits(ref List<Connection>? evicted)
    {
        long limit = _limits!.CacheLimit;
        if (limit > 0 && _live > limit && _idle.Count > 0)
        {
            var oldest = _idle[0];
            _idle.RemoveAt(0);
            Evicted++;
            CountOutNow(oldest);
            (evicted ??= []).Add(oldest);
        }
        SignalRoom();
    }

    private bool HasIdle(Route route)
    {
        foreach (var c in _idle) if (c.Route.Equals(route)) return true;
        return false;
    }

    private Connection? TakeOldestIdle(HostKey? key)
    {
        for (int i = 0; i < _idle.Count; i++)
        {
            if (key is { } k && !HostKey.Of(_idle[i].Route).Equals(k)) continue;
            var c = _idle[i];
            _idle.RemoveAt(i);
            Evicted++;
            CountOutNow(c);
            return c;
        }
        return null;
    }

    // Called under the gate for a connection chosen to close: it stops counting now, not when its close runs after the
    // gate is left, so a transfer returning meanwhile does not see it and evict a second one for the same excess.
    private void CountOutNow(Connection c)
    {
        if (c.Closed is null) return;   // not one of ours
        c.Closed = null;
        CountOut(HostKey.Of(c.Route));
    }

    private void CountOut(HostKey key)
    {
        if (_liveByHost.TryGetValue(key, out var n))
        {
            if (n <= 1) _liveByHost.Remove(key);
            else _liveByHost[key] = n - 1;
            _live--;
        }
        SignalRoom();
    }

    // Wakes every waiting transfer; each tries again (reuse first), so a wake-up that finds no room only waits again.
    private void SignalRoom()
    {
        var changed = _roomChanged;
        _roomChanged = NewRoomSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewRoomSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// libcurl's "bundle": the host a connection counts against for CURLMOPT_MAX_HOST_CONNECTIONS. A forwarding HTTP
    /// proxy is the host for every request sent through it; otherwise the origin after ConnectTo rules.
    /// </summary>
    private readonly record struct HostKey(string Host, int Port)
    {
        public static HostKey Of(Route route)
        {
            if (route.Proxy.ForwardsRequests) return new(route.Proxy.Host.ToLowerInvariant(), route.Proxy.Port);
            if (route.Proxy.IsSet) return new(route.Proxy.TargetHost.ToLowerInvariant(), route.Proxy.TargetPort);
            if (route.UnixSocketPath is { Length: > 0 } path) return new(path, 0);
            return new(route.ConnectHost.ToLowerInvariant(), route.ConnectPort);
        }
    }
}
