using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Sockets;
using Curlew.Tests.Support;
using Xunit;
using InternalEvent = Curlew.Sockets.LedgerEvent;

namespace Curlew.Tests.Connect;

/// <summary>
/// A socket factory wired to a <see cref="CallbackLedger"/> (the user's view) and an internal <see cref="SocketLedger"/>
/// (Curlew's view), plus the FTP server's part: plain sockets that connect to the acceptor's listener.
/// </summary>
internal sealed class AcceptorHarness : IDisposable
{
    private readonly List<Socket> _peers = [];

    public AcceptorHarness() => Factory = new SocketFactory(Callbacks.ToSocketCallbacks(), Ledger);

    public CallbackLedger Callbacks { get; } = new();
    public SocketLedger Ledger { get; } = new();
    public SocketFactory Factory { get; }

    public static IoContext Io(bool synchronous, long timeoutMs = 0, CancellationToken token = default) => new(synchronous, timeoutMs, token);

    /// <summary>Connects to <paramref name="listener"/> as the FTP server would for the data connection.</summary>
    public Socket ConnectAsServer(IPEndPoint listener)
    {
        var server = new Socket(listener.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _peers.Add(server);
        server.Connect(listener);
        return server;
    }

    /// <summary>
    /// Accepts the server's connection. Synchronously the server connects first (it waits in the backlog) and the
    /// accept must complete inline, on this thread; asynchronously the accept waits first and the server connects after.
    /// </summary>
    public async Task<(SocketFilter Data, Socket Server)> AcceptFromServerAsync(SocketAcceptor acceptor, IoContext io, long acceptTimeoutMs = 20_000)
    {
        if (io.Synchronous)
        {
            var early = ConnectAsServer(acceptor.LocalEndPoint);
            var inline = acceptor.AcceptAsync(acceptTimeoutMs, io);
            Assert.True(inline.IsCompleted, "a synchronous accept must complete inline on the calling thread (no thread hop)");
            return (await inline, early);
        }
        var accepting = acceptor.AcceptAsync(acceptTimeoutMs, io).AsTask();
        Assert.False(accepting.IsCompleted, $"the accept finished before the server connected: {accepting.Status}");
        var late = ConnectAsServer(acceptor.LocalEndPoint);
        return (await accepting.WaitAsync(Run.HangLimit), late);
    }

    /// <summary>The one listening socket the open callback handed out, checked to have come with purpose Accept.</summary>
    public Support.LedgerEvent ListenerOpen()
    {
        var open = Assert.Single(Callbacks.Opens);
        Assert.True(open.Purpose == CurlSockType.Accept, $"the listener was opened with {open.Purpose}. {Callbacks.Describe()}");
        return open;
    }

    /// <summary>Both ledgers agree: every socket closed exactly once, none left open, the listener closed once and never sockopt'ed.</summary>
    public void AssertListenerClosedOnceAndNothingLeaks()
    {
        var listener = ListenerOpen();
        Assert.True(Callbacks.Closes.Count(c => c.SocketId == listener.SocketId) == 1, $"the listener must reach the close callback exactly once. {Callbacks.Describe()}");
        Assert.True(Callbacks.Closes.All(c => c.SocketId == listener.SocketId), $"only the listener may reach the close callback (rule 6). {Callbacks.Describe()}");
        Assert.True(Callbacks.SockOpts.All(s => s.SocketId != listener.SocketId), $"the listener must never see the sockopt callback (rule 4). {Callbacks.Describe()}");
        AssertNothingLeaks();
    }

    public void AssertNothingLeaks()
    {
        Callbacks.AssertBalanced();
        AssertInternalLedgerClean();
    }

    /// <summary>Curlew's own ledger: no socket left open, none closed twice.</summary>
    public void AssertInternalLedgerClean()
    {
        var story = string.Join("\n  ", Ledger.Snapshot().Select(e => $"{e.Event} #{e.SocketId} {e.Purpose} {e.Address} {e.Detail}"));
        Assert.True(Ledger.OpenSocketIds().Count == 0, $"sockets left open:\n  {story}");
        Assert.True(Ledger.DoubleClosedSocketIds().Count == 0, $"sockets closed twice:\n  {story}");
    }

    public int InternalCount(InternalEvent kind) => Ledger.Snapshot().Count(e => e.Event == kind);

    /// <summary>Two listening loopback sockets on consecutive ports (P, P+1), for port-range tests.</summary>
    /// <remarks>
    /// Linux hands out odd ports for bind(0) and keeps the even ones for outgoing connections, so after a busy test run
    /// the even neighbour of a fresh port is often held by a connection in TIME_WAIT. The holders set SO_REUSEADDR
    /// (which such a leftover does not block, and which still leaves the port busy for anyone else while we listen),
    /// and both neighbours are tried.
    /// </remarks>
    public static (Socket First, Socket Second) HoldConsecutivePorts()
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            var held = ListenOn(0);
            int port = ((IPEndPoint)held.LocalEndPoint!).Port;
            if (port < IPEndPoint.MaxPort && TryListenOn(port + 1) is { } above) return (held, above);
            if (port > 1 && TryListenOn(port - 1) is { } below) return (below, held);
            held.Dispose();
        }
        throw new Xunit.Sdk.XunitException("could not find two consecutive free loopback ports");
    }

    private static Socket? TryListenOn(int port)
    {
        try { return ListenOn(port); }
        catch (SocketException) { return null; }   // someone else has it: try another pair
    }

    private static Socket ListenOn(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(1);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var peer in _peers) peer.Dispose();
    }
}
