using System.Net;

namespace Curlew.Sockets;

/// <summary>What happened to a socket, as recorded by <see cref="SocketLedger"/>.</summary>
internal enum LedgerEvent { Opened, Refused, SockOpt, Closed, Accepted, AcceptedClosed }

/// <summary>One line of the ledger.</summary>
internal readonly record struct LedgerEntry(LedgerEvent Event, long SocketId, CurlSockType Purpose, EndPoint? Address, bool ViaCallback, string? Detail);

/// <summary>
/// Records every socket's open, sockopt and close so tests can prove the exactly-once rule from inside
/// (the user's callbacks prove it from outside). Always on, so it must stay bounded on a handle that lives for
/// millions of transfers: the set of open sockets and the double-close list are exact (their size follows live
/// sockets and bugs, not history), while the readable history keeps only the most recent <see cref="HistoryCapacity"/> events.
/// </summary>
internal sealed class SocketLedger
{
    /// <summary>How many recent events <see cref="Snapshot"/> can show.</summary>
    public const int HistoryCapacity = 4096;

    private readonly Queue<LedgerEntry> _history = new();
    private readonly HashSet<long> _open = [];
    private readonly List<long> _closedWhileNotOpen = [];
    private readonly Lock _gate = new();
    private long _nextId;

    public long NextSocketId() => Interlocked.Increment(ref _nextId);

    /// <summary>Sockets opened or accepted over the ledger's life.</summary>
    public long TotalOpened { get; private set; }

    /// <summary>Sockets closed over the ledger's life.</summary>
    public long TotalClosed { get; private set; }

    public void Record(LedgerEvent ev, long id, CurlSockType purpose, EndPoint? address, bool viaCallback, string? detail = null)
    {
        lock (_gate)
        {
            if (_history.Count == HistoryCapacity) _history.Dequeue();
            _history.Enqueue(new LedgerEntry(ev, id, purpose, address, viaCallback, detail));
            switch (ev)
            {
                case LedgerEvent.Opened or LedgerEvent.Accepted:
                    _open.Add(id);
                    TotalOpened++;
                    break;
                case LedgerEvent.Closed or LedgerEvent.AcceptedClosed:
                    if (!_open.Remove(id)) _closedWhileNotOpen.Add(id);
                    TotalClosed++;
                    break;
            }
        }
    }

    /// <summary>The most recent events, oldest first (at most <see cref="HistoryCapacity"/>).</summary>
    public IReadOnlyList<LedgerEntry> Snapshot()
    {
        lock (_gate) return _history.ToArray();
    }

    /// <summary>Ids of sockets that were opened but not (yet) closed.</summary>
    public IReadOnlyList<long> OpenSocketIds()
    {
        lock (_gate) return [.. _open];
    }

    /// <summary>Ids closed more than once, or closed without being opened (must always be empty).</summary>
    public IReadOnlyList<long> DoubleClosedSocketIds()
    {
        lock (_gate) return [.. _closedWhileNotOpen];
    }
}
