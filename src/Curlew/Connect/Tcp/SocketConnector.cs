using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Makes the first hop of a connection: one attempt per target address, in order, each through the socket factory
/// (open callback, sockopt callback, connect). A failed attempt's socket is closed at once and the next address is
/// tried; the last attempt's error is the result when none connects. The caller's connect deadline (on the
/// <see cref="IoContext"/>) bounds the whole phase; like libcurl, an attempt with more addresses behind it gets half of
/// the time left. Under an <see cref="SsrfGuard"/> each address is judged before its socket is opened, and again as the
/// open-socket callback left it; a refused address is skipped like a failed one.
/// </summary>
internal sealed class SocketConnector(SocketFactory factory, bool tcpNoDelay, SsrfGuard? guard = null)
{
    public async ValueTask<SocketFilter> ConnectAsync(IReadOnlyList<EndPoint> targets, string hostForMessages, int portForMessages, IoContext io)
    {
        var started = Stopwatch.GetTimestamp();
        string failedTo = $"Failed to connect to {hostForMessages} port {portForMessages}";
        CurlException? last = null;
        for (int i = 0; i < targets.Count; i++)
        {
            io.ThrowIfStopped();
            long left = io.RemainingMs == Timeout.Infinite ? int.MaxValue : io.RemainingMs;
            if (left <= 0) throw io.TimedOut();
            long attemptLimit = i + 1 < targets.Count ? Math.Max(left / 2, 1) : left;

            var target = targets[i];
            if (Refused(target, io) is { } refusedBefore)
            {
                last = refusedBefore;   // no socket opened: the open callback never hears of this address
                continue;
            }
            var address = new CurlSockAddr(target);
            io.Events.Info($"  Trying {Format(target)}...");
            ManagedSocket? socket;
            try { socket = factory.Open(CurlSockType.IpCxn, address); }
            catch (SocketException ex)
            {
                // This machine cannot make such a socket (say, IPv6 is off): the next address may still work.
                last = Failure(failedTo, started, $"could not create a socket: {SocketFilter.Describe(ex)}", ex);
                continue;
            }
            if (socket is null)
            {
                last = Failure(failedTo, started, $"the open-socket callback refused {Format(target)}", null);
                continue;
            }
            // The callback may have rewritten the target (rule 2): judge where the socket would really go.
            if (factory.Callbacks.Open is not null && Refused(address.Address, io) is { } refusedAfter)
            {
                socket.Close();   // came from the open callback: goes back through the close callback, once
                last = refusedAfter;
                continue;
            }
            try
            {
                var connected = await AttemptAsync(socket, address, attemptLimit, io).ConfigureAwait(false);
                // A socket the sockopt callback connected itself (AlreadyConnected) went wherever the caller chose: the
                // kernel's peer address is the last word on where this connection really goes.
                if (connected is not null && guard is not null && Refused(PeerOf(socket), io) is { } refusedPeer)
                {
                    connected.Close();   // down to the socket, once
                    last = refusedPeer;
                    continue;
                }
                if (connected is not null)
                {
                    io.Events.Info($"Connected to {hostForMessages} ({(address.Address as IPEndPoint)?.Address.ToString() ?? address.Address.ToString()}) port {portForMessages}");
                    return connected;
                }
                last = new CurlException(CurlCode.AbortedByCallback, $"The sockopt callback failed the connection to {Format(address.Address)}");
            }
            catch (SocketException ex)
            {
                socket.Close();
                // .NET reports a missing Unix socket file as "address not available"; say what it is.
                var why = target is UnixDomainSocketEndPoint && ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported
                    ? $"no socket at {target}" : SocketFilter.Describe(ex);
                last = Failure(failedTo, started, why, ex);
            }
            catch (ConnectAttemptTimedOut)
            {
                socket.Close();
                last = new CurlException(CurlCode.OperationTimedout, $"{failedTo} after {Elapsed(started)} ms: Timeout was reached");
            }
            catch (Exception ex) when (ex is not CurlException and not OperationCanceledException)
            {
                // An odd socket from the open callback (wrong family, disposed, ...) fails this attempt, not the process.
                socket.Close();
                last = Failure(failedTo, started, ex.Message, ex);
            }
            catch
            {
                socket.Close();
                throw;
            }
        }
        throw last ?? new CurlException(CurlCode.CouldntConnect, $"{failedTo}: no address to try");
    }

    private static EndPoint PeerOf(ManagedSocket socket)
    {
        try { return socket.Socket.RemoteEndPoint is IPEndPoint peer ? peer : NoPeer; }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return NoPeer; }
    }

    // Stands for "the kernel names no IP peer" (a Unix socket, or a socket that cannot say): nothing more to judge.
    private static readonly EndPoint NoPeer = new IPEndPoint(IPAddress.Any, 0);

    // Null when the guard (if any) lets the connection through; otherwise the error for it, with a trace line.
    private CurlException? Refused(EndPoint target, IoContext io)
    {
        if (guard is null || ReferenceEquals(target, NoPeer) || guard.IsAllowed(target, out var why)) return null;
        var where = target is IPEndPoint ip ? $"{ip.Address} port {ip.Port}" : target.ToString();
        io.Events.Info($"SSRF guard refused {where} ({why})");
        return new CurlException(CurlCode.CouldntConnect, $"Connection to {where} refused by the SSRF guard ({why})");
    }

    private static CurlException Failure(string failedTo, long started, string why, Exception? inner) =>
        new(CurlCode.CouldntConnect, $"{failedTo} after {Elapsed(started)} ms: Couldn't connect to server ({why})", inner)
        {
            OsErrno = inner is SocketException se ? se.NativeErrorCode : 0,
        };

    // Returns null when the sockopt callback said Error (the socket is already closed then).
    private async ValueTask<SocketFilter?> AttemptAsync(ManagedSocket socket, CurlSockAddr address, long limitMs, IoContext io)
    {
        var target = address.Address;
        if (tcpNoDelay && target.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6)
        {
            try { socket.Socket.NoDelay = true; } catch (SocketException) { } // a callback's odd socket may refuse; not fatal
        }
        var answer = factory.ApplySockOpt(socket, CurlSockType.IpCxn);
        if (answer == SockOptResult.Error)
        {
            socket.Close();
            return null;
        }
        // A callback's socket may come non-blocking. Making it blocking again only flips .NET's flag: on Unix the
        // descriptor stays non-blocking and .NET emulates blocking calls, and its emulated connect ignores SO_SNDTIMEO.
        bool emulatedBlocking = !socket.Socket.Blocking;
        if (io.Synchronous && emulatedBlocking) socket.Socket.Blocking = true;
        // An application's socket (connected by its sockopt callback, or handed over non-blocking) may already be
        // watched by the runtime's event loop: Curlew cannot tell, so it assumes so (see SocketFilter.Watched).
        bool onEventLoop = true;
        if (answer != SockOptResult.AlreadyConnected)
            onEventLoop = await ConnectSocketAsync(socket.Socket, target, limitMs, io, emulatedBlocking).ConfigureAwait(false) || emulatedBlocking;
        return new SocketFilter(socket, target, onEventLoop);
    }

    // Returns whether the connect left the socket watched by the runtime's event loop.
    private static async ValueTask<bool> ConnectSocketAsync(Socket socket, EndPoint target, long limitMs, IoContext io, bool emulatedBlocking)
    {
        int limit = (int)Math.Clamp(limitMs, 1, int.MaxValue);
        if (io.Synchronous)
        {
            if (emulatedBlocking) ConnectWithTokenBlocking(socket, target, limit);
            else ConnectBlocking(socket, target, limit);
            return emulatedBlocking;
        }
        bool inPlace = !emulatedBlocking && io.OnWaitingCaller && ReadinessSpinner.Enabled && target is IPEndPoint;
        if (inPlace && ConnectInPlace(socket, target)) return false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(io.Token);
        timeout.CancelAfter(limit);
        try
        {
            if (inPlace) await AwaitConnectInProgressAsync(socket, timeout.Token).ConfigureAwait(false);
            else await socket.ConnectAsync(target, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex)
        {
            if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
            throw new ConnectAttemptTimedOut();
        }
        return true;
    }

    // For an asynchronous transfer still on the application thread that started it (IoContext.OnWaitingCaller): a
    // non-blocking connect, then the readiness spinner's budget (50 µs) of polls for it to finish (a peer on this host
    // or close by answers within it). Done in place, the socket stays off the runtime's event loop, so answers on it can be waited
    // for in place too (see SocketFilter.Watched); the runtime's own ConnectAsync would put it there at once. Returns
    // false while the connect is still under way: AwaitConnectInProgressAsync then waits for it without blocking.
    private static bool ConnectInPlace(Socket socket, EndPoint target)
    {
        socket.Blocking = false;
        try
        {
            socket.Connect(target);
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress) { }
        finally { socket.Blocking = true; }   // only .NET's flag: the descriptor stays non-blocking, as after ConnectAsync
        if (!ReadinessSpinner.PollWithinBudget(socket, SelectMode.SelectWrite)) return false;
        ThrowIfConnectFailed(socket);
        return true;
    }

    // The rest of a non-blocking connect, waited for through the runtime's event loop: a zero-byte send waits until
    // the socket is writable, which is when the connection is made; when it failed, the send reports the connect's
    // own error (refused, unreachable, timed out), as ConnectAsync would.
    private static async ValueTask AwaitConnectInProgressAsync(Socket socket, CancellationToken token)
    {
        await socket.SendAsync(ReadOnlyMemory<byte>.Empty, SocketFlags.None, token).ConfigureAwait(false);
        ThrowIfConnectFailed(socket);
    }

    // A finished non-blocking connect: a zero-byte send returns its pending error, if any, as the runtime maps it
    // (SocketError.ConnectionRefused and so on, not a raw errno), and sends nothing when the connection is up.
    private static void ThrowIfConnectFailed(Socket socket)
    {
        socket.Send(ReadOnlySpan<byte>.Empty, SocketFlags.None, out var error);
        if (error != SocketError.Success) throw new SocketException((int)error);
        if (!socket.Connected) throw new SocketException((int)SocketError.NotConnected);   // the look also records the connection in .NET's state
    }

    // A blocking connect bounded by SO_SNDTIMEO, which Linux applies to connect(). Toggling Socket.Blocking instead
    // would switch .NET to its emulated (thread-pool backed) sync I/O for the socket's whole life: measured at
    // about half the keep-alive request rate.
    private static void ConnectBlocking(Socket socket, EndPoint target, int limitMs)
    {
        socket.SendTimeout = limitMs;
        try { socket.Connect(target); }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.TimedOut or SocketError.InProgress or SocketError.WouldBlock)
        {
            throw new ConnectAttemptTimedOut();
        }
        finally
        {
            try { socket.SendTimeout = 0; } catch (SocketException) { }   // SocketFilter assumes no send timeout to start with
        }
    }

    // For a socket whose descriptor is non-blocking underneath: SO_SNDTIMEO does not bound .NET's emulated connect,
    // so wait for the asynchronous connect with a timer instead (the socket's I/O is emulated anyway, nothing is lost).
    private static void ConnectWithTokenBlocking(Socket socket, EndPoint target, int limitMs)
    {
        using var timeout = new CancellationTokenSource(limitMs);
        try { socket.ConnectAsync(target, timeout.Token).AsTask().GetAwaiter().GetResult(); }
        catch (OperationCanceledException) { throw new ConnectAttemptTimedOut(); }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Format(EndPoint ep) => ep switch
    {
        IPEndPoint ip => ip.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip.Address}]:{ip.Port}" : $"{ip.Address}:{ip.Port}",
        _ => ep.ToString() ?? "?",
    };

    private sealed class ConnectAttemptTimedOut : Exception;
}
