using Curlew.Sockets;

namespace Curlew.Connect;

/// <summary>
/// A handle's idle connections. A transfer takes a matching live one (dead ones found on the way are closed), and
/// returns it when done; beyond <c>MaxConnects</c> the oldest idle connection is closed. Every close here goes through
/// <see cref="Connection.Close"/>, so eviction and <see cref="CloseAll"/> reach the close callback exactly once.
/// </summary>
internal sealed class ConnectionCache(SocketLedger ledger)
{
    private const int DefaultMaxConnects = 5;
    private readonly List<Connection> _idle = [];   // oldest first
    private readonly Lock _gate = new();
    private bool _closed;                           // after CloseAll nothing is kept: a late return is closed at once

    public SocketLedger Ledger { get; } = ledger;

    public int IdleCount { get { lock (_gate) return _idle.Count; } }

    public Connection? TryTake(in ConnectionKey key)
    {
        List<Connection>? dead = null;
        Connection? found = null;
        lock (_gate)
        {
            for (int i = _idle.Count - 1; i >= 0; i--)   // newest first: most likely still alive
            {
                var c = _idle[i];
                if (c.Key != key) continue;
                _idle.RemoveAt(i);
                if (c.IsAliveForReuse()) { found = c; break; }
                (dead ??= []).Add(c);
            }
        }
        if (dead is not null) foreach (var c in dead) c.Close();
        return found;
    }

    public void Return(Connection connection, long maxConnects)
    {
        int limit = maxConnects > 0 ? (int)Math.Min(maxConnects, int.MaxValue) : DefaultMaxConnects;
        List<Connection>? evicted = null;
        lock (_gate)
        {
            if (_closed) (evicted ??= []).Add(connection);
            else _idle.Add(connection);
            while (_idle.Count > limit)
            {
                (evicted ??= []).Add(_idle[0]);
                _idle.RemoveAt(0);
            }
        }
        if (evicted is not null) foreach (var c in evicted) c.Close();
    }

    public void CloseAll()
    {
        Connection[] all;
        lock (_gate) { all = [.. _idle]; _idle.Clear(); _closed = true; }
        foreach (var c in all) c.Close();
    }
}
