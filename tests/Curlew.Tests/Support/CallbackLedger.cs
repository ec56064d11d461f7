using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Curlew.Tests.Support;

/// <summary>What a <see cref="CallbackLedger"/> saw.</summary>
public enum LedgerEventKind
{
    /// <summary>The open-socket callback handed out a socket.</summary>
    Open,
    /// <summary>The open-socket callback refused (returned null).</summary>
    OpenRefused,
    /// <summary>The open-socket callback threw.</summary>
    OpenThrew,
    /// <summary>The sockopt callback ran.</summary>
    SockOpt,
    /// <summary>The close-socket callback ran.</summary>
    Close,
    /// <summary>A callback got a <c>clientp</c> that was not the ledger (rule 8).</summary>
    ClientpViolation,
}

/// <summary>One callback invocation as the ledger recorded it.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Purpose">The purpose passed (open and sockopt).</param>
/// <param name="Family">The address family offered (open) or of the socket (sockopt, close).</param>
/// <param name="Address">The address offered to the open callback (before any rewrite), or the socket's remote end.</param>
/// <param name="Port">The port of <paramref name="Address"/>.</param>
/// <param name="SocketId">The ledger's number for the socket (1, 2, ...); 0 when there is none.</param>
/// <param name="Detail">Extra facts: the rewritten target, the sockopt result, the clientp seen.</param>
public sealed record LedgerEvent(LedgerEventKind Kind, CurlSockType Purpose, AddressFamily Family, string Address, int Port, int SocketId, string Detail)
{
    /// <summary>The socket type offered to the open callback (open events only).</summary>
    public SocketType SocketType { get; init; }

    /// <summary>The protocol offered to the open callback (open events only).</summary>
    public ProtocolType Protocol { get; init; }

    /// <summary>Whether the socket was already connected when the sockopt callback ran (sockopt events only).</summary>
    public bool WasConnected { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Kind} #{SocketId} {Purpose} {Family} {Address}:{Port}{(Detail.Length > 0 ? " " + Detail : "")}";
}

/// <summary>
/// The socket ledger seen from outside, through the public callbacks: it opens, configures and closes sockets for a
/// <see cref="CurlEasy"/> and proves the lifecycle rules of API.md (every opened socket closed exactly once, nothing
/// foreign closed, clientp passed unchanged). Thread-safe.
/// </summary>
public sealed class CallbackLedger
{
    private readonly object _gate = new();
    private readonly List<LedgerEvent> _events = [];
    private readonly Dictionary<Socket, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<int> _open = [];
    private readonly List<string> _violations = [];
    private int _nextId;

    /// <summary>Decides what the open callback returns instead of a fresh socket: return a socket (possibly after rewriting the address) or null to refuse. Throwing is passed through to Curlew.</summary>
    public Func<CurlSockAddr, Socket?>? OnOpen { get; set; }

    /// <summary>Decides the sockopt callback's answer (default <see cref="SockOptResult.Ok"/>).</summary>
    public Func<Socket, CurlSockType, SockOptResult>? OnSockOpt { get; set; }

    /// <summary>When false, the close callback records but does not dispose the socket (the app keeps ownership, as in libcurl's externalsocket example).</summary>
    public bool DisposeOnClose { get; set; } = true;

    /// <summary>Every event so far, in order.</summary>
    public IReadOnlyList<LedgerEvent> Events { get { lock (_gate) return [.. _events]; } }

    /// <summary>Successful opens (sockets handed to Curlew).</summary>
    public IReadOnlyList<LedgerEvent> Opens => Of(LedgerEventKind.Open);

    /// <summary>Open-callback calls, whether they handed out a socket, refused or threw: one per connection attempt.</summary>
    public IReadOnlyList<LedgerEvent> OpenAttempts
    {
        get
        {
            lock (_gate)
                return [.. _events.Where(e => e.Kind is LedgerEventKind.Open or LedgerEventKind.OpenRefused or LedgerEventKind.OpenThrew)];
        }
    }

    /// <summary>Close-callback calls.</summary>
    public IReadOnlyList<LedgerEvent> Closes => Of(LedgerEventKind.Close);

    /// <summary>Sockopt-callback calls.</summary>
    public IReadOnlyList<LedgerEvent> SockOpts => Of(LedgerEventKind.SockOpt);

    /// <summary>Sockets opened and not yet closed.</summary>
    public int OpenCount { get { lock (_gate) return _open.Count; } }

    /// <summary>Sets the three socket callbacks on <paramref name="easy"/>, with this ledger as their data.</summary>
    public CallbackLedger Install(CurlEasy easy)
    {
        easy.OpenSocketFunction = Open;
        easy.OpenSocketData = this;
        easy.SockOptFunction = SockOpt;
        easy.SockOptData = this;
        easy.CloseSocketFunction = Close;
        easy.CloseSocketData = this;
        return this;
    }

    /// <summary>The three callbacks with this ledger as their data, for tests that drive Curlew's socket factory directly (FTP's acceptor before FTP exists).</summary>
    internal Curlew.Sockets.SocketCallbacks ToSocketCallbacks() => new(Open, this, SockOpt, this, Close, this);

    /// <summary>Fails the test unless every opened socket was closed exactly once, nothing else was closed, and every clientp was this ledger.</summary>
    public void AssertBalanced()
    {
        string? problem;
        lock (_gate)
        {
            var problems = new List<string>(_violations);
            foreach (var id in _open) problems.Add($"socket #{id} was opened but never closed");
            problem = problems.Count == 0 ? null : string.Join("; ", problems);
        }
        if (problem is not null) Assert.Fail($"Socket ledger is not balanced: {problem}.\n{Describe()}");
    }

    /// <summary>Every event on its own line, for failure messages.</summary>
    public string Describe()
    {
        var text = new StringBuilder("Ledger events:");
        var events = Events;
        if (events.Count == 0) text.Append(" (none)");
        foreach (var e in events) text.Append("\n  ").Append(e);
        return text.ToString();
    }

    private IReadOnlyList<LedgerEvent> Of(LedgerEventKind kind)
    {
        lock (_gate) return [.. _events.Where(e => e.Kind == kind)];
    }

    private Socket? Open(object? clientp, CurlSockType purpose, CurlSockAddr address)
    {
        CheckClientp(clientp, "OpenSocketFunction");
        var (host, port) = Split(address.Address);
        var family = address.Family;
        var socketType = address.SocketType;
        var protocol = address.Protocol;
        Socket? socket;
        try
        {
            socket = OnOpen is { } decide ? decide(address) : new Socket(address.Family, address.SocketType, address.Protocol);
        }
        catch (Exception ex)
        {
            lock (_gate)
                _events.Add(new LedgerEvent(LedgerEventKind.OpenThrew, purpose, family, host, port, 0, ex.GetType().Name + ": " + ex.Message) { SocketType = socketType, Protocol = protocol });
            throw;
        }
        var (newHost, newPort) = Split(address.Address);
        var rewrite = newHost != host || newPort != port ? $"rewritten to {newHost}:{newPort}" : "";
        if (socket is null)
        {
            lock (_gate)
                _events.Add(new LedgerEvent(LedgerEventKind.OpenRefused, purpose, family, host, port, 0, rewrite) { SocketType = socketType, Protocol = protocol });
            return null;
        }
        lock (_gate)
        {
            if (_ids.TryGetValue(socket, out var known) && _open.Contains(known))
                _violations.Add($"open callback handed out socket #{known} again while it was still open");
            var id = ++_nextId;
            _ids[socket] = id;
            _open.Add(id);
            _events.Add(new LedgerEvent(LedgerEventKind.Open, purpose, family, host, port, id, rewrite) { SocketType = socketType, Protocol = protocol });
        }
        return socket;
    }

    private SockOptResult SockOpt(object? clientp, Socket socket, CurlSockType purpose)
    {
        CheckClientp(clientp, "SockOptFunction");
        var connected = IsConnected(socket);
        var result = OnSockOpt?.Invoke(socket, purpose) ?? SockOptResult.Ok;
        lock (_gate)
            _events.Add(new LedgerEvent(LedgerEventKind.SockOpt, purpose, SafeFamily(socket), "", 0, IdOf(socket), result.ToString()) { WasConnected = connected });
        return result;
    }

    private int Close(object? clientp, Socket item)
    {
        CheckClientp(clientp, "CloseSocketFunction");
        var alreadyDisposed = item.SafeHandle.IsClosed;
        lock (_gate)
        {
            if (alreadyDisposed) _violations.Add("close callback got a socket Curlew had already disposed (rule 5)");
            if (!_ids.TryGetValue(item, out var id))
            {
                _violations.Add("close callback got a socket the open callback never handed out");
                _events.Add(new LedgerEvent(LedgerEventKind.Close, default, SafeFamily(item), "", 0, 0, "foreign socket"));
            }
            else
            {
                if (!_open.Remove(id)) _violations.Add($"socket #{id} was closed twice");
                _events.Add(new LedgerEvent(LedgerEventKind.Close, default, SafeFamily(item), "", 0, id, ""));
            }
        }
        if (DisposeOnClose) item.Dispose();
        return 0;
    }

    private void CheckClientp(object? clientp, string callback)
    {
        if (ReferenceEquals(clientp, this)) return;
        var seen = clientp is null ? "null" : clientp.GetType().Name + "@" + RuntimeHelpers.GetHashCode(clientp);
        lock (_gate)
        {
            _violations.Add($"{callback} got clientp {seen} instead of the ledger");
            _events.Add(new LedgerEvent(LedgerEventKind.ClientpViolation, default, default, "", 0, 0, $"{callback} clientp {seen}"));
        }
    }

    private static bool IsConnected(Socket socket)
    {
        try
        {
            return socket.Connected;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    private int IdOf(Socket socket)
    {
        lock (_gate) return _ids.TryGetValue(socket, out var id) ? id : 0;
    }

    private static AddressFamily SafeFamily(Socket socket)
    {
        try
        {
            return socket.AddressFamily;
        }
        catch (ObjectDisposedException)
        {
            return AddressFamily.Unknown;
        }
    }

    private static (string Host, int Port) Split(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip => (ip.Address.ToString(), ip.Port),
        UnixDomainSocketEndPoint unix => (unix.ToString(), 0),
        _ => (endPoint.ToString() ?? "", 0),
    };
}
