using Curlew.Connect.Tcp;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect;

/// <summary>
/// A connected filter chain plus what the engine needs to know about it: its route, its read-ahead buffer and whether
/// it may be reused. Closing it shuts the chain down gracefully (briefly), then closes it, and so hands the socket to
/// the close callback exactly once.
/// </summary>
internal sealed class Connection(ConnectionFilter top, SocketFilter socket, Route route, int bufferSize)
{
    /// <summary>How long a graceful shutdown (TLS close_notify) may hold up a close.</summary>
    public const int ShutdownTimeoutMs = 2000;

    /// <summary>How long a protocol's goodbye (<see cref="IConnectionGoodbye"/>, FTP's QUIT) may hold up a close.</summary>
    public const int GoodbyeTimeoutMs = 2000;

    private int _closed;

    public ConnectionFilter Top { get; private set; } = top;
    public SocketFilter Socket { get; } = socket;
    public Route Route { get; } = route;
    public ReceiveBuffer Buffer { get; } = new(bufferSize);

    /// <summary>
    /// What the protocol keeps with the connection between transfers (an FTP login and its current directory);
    /// pooled with it, gone when it closes. Null for protocols that keep nothing.
    /// </summary>
    public object? ProtocolState { get; set; }

    // Milliseconds of Environment.TickCount64: a coarse clock is plenty for limits counted in whole seconds, and it is
    // the cheapest one to read on the keep-alive path.

    /// <summary>When the connection was made (<see cref="Environment.TickCount64"/>), for CURLOPT_MAXLIFETIME_CONN.</summary>
    public long CreatedAt { get; } = Environment.TickCount64;

    /// <summary>When the connection last went back to a pool (<see cref="Environment.TickCount64"/>), for CURLOPT_MAXAGE_CONN.</summary>
    public long IdleSince { get; set; }

    /// <summary>
    /// Whether, at <paramref name="now"/> (<see cref="Environment.TickCount64"/>), the connection has been idle longer than <paramref name="maxAgeSeconds"/>
    /// (negative = no limit) or alive longer than <paramref name="maxLifetimeSeconds"/> (0 = no limit). Whole seconds
    /// that must be exceeded, as libcurl counts them: with a limit of 1, an idle time of 1.9 s is still fine.
    /// </summary>
    public bool IsTooOld(long now, long maxAgeSeconds, long maxLifetimeSeconds)
    {
        if (maxAgeSeconds >= 0 && (now - IdleSince) / 1000 > maxAgeSeconds) return true;
        return maxLifetimeSeconds > 0 && (now - CreatedAt) / 1000 > maxLifetimeSeconds;
    }

    /// <summary>Number of transfers that have used this connection, including the current one.</summary>
    public int Uses { get; set; }

    public bool IsReused => Uses > 1;
    public EndPoint? Remote => Top.RemoteEndPoint;
    public EndPoint? Local => Top.LocalEndPoint;

    /// <summary>Address texts for GetInfo, made once per connection rather than once per transfer.</summary>
    /// <remarks>For a Unix socket this is the socket's path, as libcurl reports it.</remarks>
    public string? RemoteIp => _remoteIp ??= Remote switch
    {
        IPEndPoint ip => ip.Address.ToString(),
        UnixDomainSocketEndPoint unix => unix.ToString(),
        _ => null,
    };
    public string? LocalIp => _localIp ??= (Local as IPEndPoint)?.Address.ToString();

    private string? _remoteIp, _localIp;
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// Told once, after the chain is closed: a limited pool (a multi handle's) counts the connection out here, whoever
    /// closes it. Null for connections nobody counts.
    /// </summary>
    public Action<Connection>? Closed { get; set; }

    /// <summary>Bytes waiting above the socket or in the read-ahead buffer: readable without a receive.</summary>
    public bool DataPending => Buffer.Count > 0 || Top.DataPending();

    /// <summary>A fact about the chain (ALPN, TLS version, cipher); null when no layer knows it.</summary>
    public string? Query(FilterQuery query) => Top.Query(query);

    /// <summary>
    /// <see cref="Close"/> for an asynchronous transfer: the protocol's goodbye (up to <see cref="GoodbyeTimeoutMs"/>
    /// for FTP's 221) is awaited instead of blocking the thread, and <paramref name="token"/> (the caller's) ends that
    /// wait early; the rest of the close never waits on the peer.
    /// </summary>
    public async ValueTask CloseAsync(CancellationToken token = default)
    {
        if (ProtocolState is IConnectionGoodbye goodbye && !IsClosed)
        {
            ProtocolState = null;
            try { await goodbye.SayGoodbyeAsync(this, GoodbyeTimeoutMs, synchronous: false, token).ConfigureAwait(false); }
            catch (Exception) { }   // a failed goodbye must not keep the socket from its close
        }
        Close();
    }

    /// <summary>Closes with no goodbye: the peer is gone or the dialogue is out of step, so a last word would go nowhere or be misread.</summary>
    public void Abandon()
    {
        ProtocolState = null;
        Close();
    }

    /// <summary>Idle check before reuse: nothing buffered at any layer and the peer still there.</summary>
    public bool IsAliveForReuse() => !IsClosed && !DataPending && Top.IsAlive();

    /// <summary>
    /// Stacks TLS (the route's options, SNI and verification for <see cref="Route.Host"/>, as for https) on this live
    /// connection and runs the handshake: FTP's AUTH TLS on the control connection, PROT P on a data connection. The
    /// TLS layer owns the chain from the start, so a failed handshake still closes the socket exactly once.
    /// </summary>
    public async ValueTask StartTlsAsync(IoContext io)
    {
        var tls = Route.Tls ?? throw new InvalidOperationException("StartTlsAsync on a route without TLS options");
        if (DataPending)   // bytes sent before the handshake could be injected by anyone on the path: refuse them
            throw new CurlException(CurlCode.WeirdServerReply, "Unexpected data from the server before the TLS handshake");
        var layer = new Tls.TlsFilter(Route, tls, Top);
        Top = layer;
        await layer.ConnectAsync(io).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends an upload on a data connection whose close is the end of the file (FTP): over TLS, sends close_notify and
    /// TCP's FIN, then reads and drops what the peer still sends until it closes too, bounded by the transfer's deadline
    /// and <see cref="UploadEndTimeoutMs"/>. The peer's TLS 1.3 session tickets can arrive after the last byte of the
    /// upload; closing before they are read, or while they are in flight, makes the kernel reset the connection, and
    /// vsftpd then fails the upload with 426. A plain connection needs nothing: its close is a FIN already.
    /// Never throws: a peer that goes away here is judged by its final reply on the control connection.
    /// </summary>
    public async ValueTask EndUploadAsync(IoContext io)
    {
        if (IsClosed || Top is not Tls.TlsFilter) return;
        int remaining = io.RemainingMs;
        int waitMs = remaining == Timeout.Infinite ? UploadEndTimeoutMs : Math.Min(remaining, UploadEndTimeoutMs);
        using var bounded = new IoContext(io.Synchronous, Math.Max(waitMs, 1), io.Token);
        var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            await Top.ShutdownAsync(waitMs).ConfigureAwait(false);
            Top.ShutdownSend();
            while (await Top.ReceiveAsync(scratch, bounded).ConfigureAwait(false) > 0) { }
        }
        catch (Exception ex) when (ex is CurlException or IOException or OperationCanceledException or ObjectDisposedException) { }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(scratch); }
    }

    /// <summary>How long <see cref="EndUploadAsync"/> waits at most for the peer to close its side.</summary>
    public const int UploadEndTimeoutMs = 10_000;

    /// <summary>
    /// Lets the protocol say goodbye when its state asks to (<see cref="IConnectionGoodbye"/>, bounded by
    /// <see cref="GoodbyeTimeoutMs"/>), shuts the chain down (bounded by <see cref="ShutdownTimeoutMs"/>), then closes
    /// it. Idempotent; never throws.
    /// </summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try
        {
            if (ProtocolState is IConnectionGoodbye goodbye)
            {
                ProtocolState = null;
                try
                {
                    var said = goodbye.SayGoodbyeAsync(this, GoodbyeTimeoutMs, synchronous: true, CancellationToken.None);
                    if (said.IsCompleted) said.GetAwaiter().GetResult();
                    else said.AsTask().Wait(GoodbyeTimeoutMs);
                }
                catch (Exception) { }   // a failed goodbye must not keep the socket from its close
            }
            Shutdown();
        }
        finally
        {
            try { Top.Close(); }
            finally
            {
                Buffer.Release();
                Closed?.Invoke(this);
            }
        }
    }

    // Close runs on paths with no transfer (eviction, Dispose), so it waits here, bounded; the socket filter's
    // shutdown completes at once, so plain connections never block.
    private void Shutdown()
    {
        try
        {
            var pending = Top.ShutdownAsync(ShutdownTimeoutMs);
            if (pending.IsCompleted) { pending.GetAwaiter().GetResult(); return; }
            pending.AsTask().Wait(ShutdownTimeoutMs);
        }
        catch (Exception) { }   // a failed goodbye must not keep the socket from its close
    }
}
