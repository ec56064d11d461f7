using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;

namespace Curlew.Connect;

/// <summary>
/// Makes the first hop of a connection: one attempt per target address, in order, each through the socket factory
/// (open callback, sockopt callback, connect). A failed attempt's socket is closed at once and the next address is
/// tried; the last attempt's error is the result when none connects.
/// </summary>
internal sealed class SocketConnector(SocketFactory factory, bool tcpNoDelay, long connectTimeoutMs)
{
    private const long DefaultConnectTimeoutMs = 300_000;   // libcurl's default

    public async ValueTask<SocketFilter> ConnectAsync(IReadOnlyList<EndPoint> targets, string hostForMessages, int portForMessages, IoContext io)
    {
        var started = Stopwatch.GetTimestamp();
        CurlException? last = null;
        foreach (var target in targets)
        {
            io.ThrowIfStopped();
            var address = new CurlSockAddr(target);
            io.Log.Info($"  Trying {Format(target)}...");
            var socket = factory.Open(CurlSockType.IpCxn, address);
            if (socket is null)
            {
                last = new CurlException(CurlCode.CouldntConnect,
                    $"Failed to connect to {hostForMessages} port {portForMessages} after {Elapsed(started)} ms: Couldn't connect to server (the open-socket callback refused {Format(target)})");
                continue;
            }
            try
            {
                var connected = await AttemptAsync(socket, address, io).ConfigureAwait(false);
                if (connected is not null)
                {
                    io.Log.Info($"Connected to {hostForMessages} ({Format(address.Address)}) port {portForMessages}");
                    return connected;
                }
                last = new CurlException(CurlCode.AbortedByCallback, $"The sockopt callback failed the connection to {Format(address.Address)}");
            }
            catch (SocketException ex)
            {
                socket.Close();
                last = new CurlException(CurlCode.CouldntConnect,
                    $"Failed to connect to {hostForMessages} port {portForMessages} after {Elapsed(started)} ms: Couldn't connect to server ({SocketFilter.Describe(ex)})", ex)
                { OsErrno = ex.NativeErrorCode };
            }
            catch (ConnectAttemptTimedOut)
            {
                socket.Close();
                last = io.DeadlinePassed ? io.TimedOut() : new CurlException(CurlCode.OperationTimedout, $"Connection timed out after {Elapsed(started)} milliseconds");
                if (io.DeadlinePassed) break;
            }
            catch (Exception ex) when (ex is not CurlException and not OperationCanceledException)
            {
                // An odd socket from the open callback (wrong family, disposed, ...) fails this attempt, not the process.
                socket.Close();
                last = new CurlException(CurlCode.CouldntConnect,
                    $"Failed to connect to {hostForMessages} port {portForMessages} after {Elapsed(started)} ms: {ex.Message}", ex);
            }
            catch
            {
                socket.Close();
                throw;
            }
        }
        throw last ?? new CurlException(CurlCode.CouldntConnect, $"Failed to connect to {hostForMessages} port {portForMessages}: no address to try");
    }

    // Returns null when the sockopt callback said Error (the socket is already closed then).
    private async ValueTask<SocketFilter?> AttemptAsync(ManagedSocket socket, CurlSockAddr address, IoContext io)
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
        if (answer != SockOptResult.AlreadyConnected)
            await ConnectSocketAsync(socket.Socket, target, io).ConfigureAwait(false);
        return new SocketFilter(socket, target);
    }

    private async ValueTask ConnectSocketAsync(Socket socket, EndPoint target, IoContext io)
    {
        long limit = connectTimeoutMs > 0 ? connectTimeoutMs : DefaultConnectTimeoutMs;
        int remaining = io.RemainingMs;
        if (remaining != Timeout.Infinite) limit = Math.Min(limit, remaining);
        if (limit <= 0) throw new ConnectAttemptTimedOut();

        if (io.Synchronous)
        {
            ConnectBlocking(socket, target, limit);
            return;
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(io.Token);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(limit));
        try { await socket.ConnectAsync(target, timeout.Token).ConfigureAwait(false); }
        catch (OperationCanceledException ex)
        {
            if (io.Token.IsCancellationRequested) throw io.Interrupted(ex);
            throw new ConnectAttemptTimedOut();
        }
    }

    // A true synchronous connect with a time limit: non-blocking connect, wait for writability, read SO_ERROR.
    // Staying off the async machinery keeps later blocking sends and receives on the fast native path.
    private static void ConnectBlocking(Socket socket, EndPoint target, long limitMs)
    {
        bool wasBlocking = socket.Blocking;
        socket.Blocking = false;
        try
        {
            try { socket.Connect(target); return; }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress or SocketError.AlreadyInProgress) { }
            int micro = limitMs >= int.MaxValue / 1000 ? -1 : (int)(limitMs * 1000);
            if (!socket.Poll(micro, SelectMode.SelectWrite) && !socket.Poll(0, SelectMode.SelectError)) throw new ConnectAttemptTimedOut();
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success) throw new SocketException((int)error);
        }
        finally
        {
            socket.Blocking = wasBlocking;
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string Format(EndPoint ep) => ep switch
    {
        IPEndPoint ip => ip.Address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip.Address}]:{ip.Port}" : $"{ip.Address}:{ip.Port}",
        _ => ep.ToString() ?? "?",
    };

    private sealed class ConnectAttemptTimedOut : Exception;
}
