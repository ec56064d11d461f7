using System.Net;

namespace Curlew.Sockets;

/// <summary>What happened to a socket, as recorded by <see cref="SocketLedger"/>.</summary>
internal enum LedgerEvent { Opened, Refused, SockOpt, Closed, Accepted, AcceptedClosed }

/// <summary>One line of the ledger.</summary>
internal readonly record struct LedgerEntry(LedgerEvent Event, long SocketId, CurlSockType Purpose, EndPoint? Address, bool ViaCallback, string? Detail);

/// <summary>
/// Records every socket's open, sockopt and close so tests can prove the exactly-once rule from inside
/// (the user's callbacks prove it from outside). Cheap enough to be always on: one lock and one list append per event.
/// </summary>
internal sealed class SocketLedger
{
    private readonly List<LedgerEntry> _entries = [];
    private long _nextId;

    public long NextSocketId() => Interlocked.Increment(ref _nextId);

    public void Record(LedgerEvent ev, long id, CurlSockType purpose, EndPoint? address, bool viaCallback, string? detail = null)
    {
        lock (_entries) _entries.Add(new LedgerEntry(ev, id, purpose, address, viaCallback, detail));
    }

    public IReadOnlyList<LedgerEntry> Snapshot()
    {
        lock (_entries) return _entries.ToArray();
    }

    /// <summary>Ids of sockets that were opened but not (yet) closed.</summary>
    public IReadOnlyList<long> OpenSocketIds()
    {
        var open = new HashSet<long>();
        lock (_entries)
            foreach (var e in _entries)
            {
                if (e.Event is LedgerEvent.Opened or LedgerEvent.Accepted) open.Add(e.SocketId);
                else if (e.Event is LedgerEvent.Closed or LedgerEvent.AcceptedClosed) open.Remove(e.SocketId);
            }
        return [.. open];
    }

    /// <summary>Ids closed more than once (must always be empty).</summary>
    public IReadOnlyList<long> DoubleClosedSocketIds()
    {
        var seen = new HashSet<long>();
        var twice = new List<long>();
        lock (_entries)
            foreach (var e in _entries)
                if (e.Event is LedgerEvent.Closed or LedgerEvent.AcceptedClosed && !seen.Add(e.SocketId)) twice.Add(e.SocketId);
        return twice;
    }
}
