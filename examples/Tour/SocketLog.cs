using System.Net;
using System.Net.Sockets;

namespace Curlew.Tour;

/// <summary>
/// Building blocks for the open and close callbacks: each prints what Curlew asked for and counts it, so a section
/// can check the exactly-once promise (every opened socket closed once, never twice) instead of just claiming it.
/// Callbacks may run on thread-pool threads during <see cref="CurlEasy.PerformAsync"/>, hence the lock.
/// </summary>
internal sealed class SocketLog(Narrator narrator)
{
    private readonly Lock _gate = new();
    private readonly HashSet<Socket> _live = new(ReferenceEqualityComparer.Instance);
    private int _opens, _closes, _strayCloses;

    public int Opens { get { lock (_gate) return _opens; } }
    public int Closes { get { lock (_gate) return _closes; } }

    /// <summary>Closes of sockets that were not open: a second close of one socket, or one this log never handed out.</summary>
    public int StrayCloses { get { lock (_gate) return _strayCloses; } }

    /// <summary>The everyday open callback: log the request and create exactly the socket Curlew describes.</summary>
    public Socket? Open(object? clientp, CurlSockType purpose, CurlSockAddr address) =>
        Track(new Socket(address.Family, address.SocketType, address.Protocol), clientp, purpose, address);

    /// <summary>Logs and counts a socket the open callback is about to return.</summary>
    public Socket Track(Socket socket, object? clientp, CurlSockType purpose, CurlSockAddr address)
    {
        lock (_gate)
        {
            _opens++;
            _live.Add(socket);
        }
        narrator.Event("open", $"{purpose} {address.Family} {Describe(address.Address)}  (clientp: {clientp ?? "null"})");
        return socket;
    }

    /// <summary>The everyday close callback: the socket came from <see cref="Open"/>, so closing it is ours to do.</summary>
    public int Close(object? clientp, Socket item)
    {
        Record(item, "closed it");
        item.Dispose();
        return 0;
    }

    /// <summary>A close callback for a socket the application owns: note that Curlew is done with it, leave it open.</summary>
    public int CloseButKeep(object? clientp, Socket item)
    {
        Record(item, "left open: the app owns it");
        return 0;
    }

    public static string Describe(EndPoint? endPoint) => endPoint switch
    {
        IPEndPoint { AddressFamily: AddressFamily.InterNetworkV6 } ip => $"[{ip.Address}]:{ip.Port}",
        IPEndPoint ip => $"{ip.Address}:{ip.Port}",
        null => "(none)",
        _ => endPoint.ToString() ?? "?",
    };

    private void Record(Socket item, string what)
    {
        bool known;
        lock (_gate)
        {
            known = _live.Remove(item);
            if (known) _closes++;
            else _strayCloses++;
        }
        narrator.Event("close", $"{Connection(item)}  ({(known ? what : "UNEXPECTED: not open")})");
    }

    // Local and remote ends, when the socket still knows them (a refused or reset one may not).
    private static string Connection(Socket socket)
    {
        try { return $"{Describe(socket.LocalEndPoint)} -> {Describe(socket.RemoteEndPoint)}"; }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return "(no endpoints)"; }
    }
}
