using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// The listening half of FTP active mode: owns the listener (see <see cref="ListeningSocket"/>), waits for the server's
/// data connection under a deadline, and hands it back as a connected <see cref="SocketFilter"/>. The listener is
/// closed exactly once: right after the accept, on any failure, timeout or cancellation, or by <see cref="Dispose"/>
/// when the accept never comes to be waited for (say, PORT was refused). It never sees the sockopt callback
/// (API.md rule 4); the accepted socket does, with <see cref="CurlSockType.Accept"/>, and is never given to the close
/// callback (rule 6).
/// </summary>
internal sealed class SocketAcceptor : IDisposable
{
    /// <summary>libcurl's default for CURLOPT_ACCEPTTIMEOUT_MS, used when the option is 0.</summary>
    public const long DefaultAcceptTimeoutMs = 60_000;

    private readonly SocketFactory _factory;
    private readonly ManagedSocket _listener;

    private SocketAcceptor(SocketFactory factory, ManagedSocket listener, IPEndPoint bound)
    {
        _factory = factory;
        _listener = listener;
        LocalEndPoint = bound;
    }

    /// <summary>Where the listener is really bound (after a callback's rewrite and port 0 resolved): what PORT/EPRT announce.</summary>
    public IPEndPoint LocalEndPoint { get; }

    /// <summary>Opens a listener on <paramref name="address"/>, trying ports <paramref name="firstPort"/> to <paramref name="lastPort"/> in order (0 = any).</summary>
    /// <exception cref="CurlException">FtpPortFailed on refusal or bind/listen failure; AbortedByCallback when the open callback threw.</exception>
    public static SocketAcceptor Listen(SocketFactory factory, IPAddress address, int firstPort, int lastPort)
    {
        var (listener, bound) = ListeningSocket.Open(factory, address, firstPort, lastPort);
        return new SocketAcceptor(factory, listener, bound);
    }

    /// <summary>
    /// Waits for the server to connect, for at most min(<paramref name="acceptTimeoutMs"/> (0 = 60 s), the time left
    /// of the transfer). Synchronous transfers wait with blocking calls and complete inline on the calling thread.
    /// </summary>
    /// <exception cref="CurlException">FtpAcceptTimeout, FtpAcceptFailed, or AbortedByCallback when the sockopt callback refused the data socket.</exception>
    /// <exception cref="OperationCanceledException">The caller cancelled (everything is closed by then).</exception>
    public async ValueTask<SocketFilter> AcceptAsync(long acceptTimeoutMs, IoContext io)
    {
        Socket accepted;
        try
        {
            int limitMs = LimitMs(acceptTimeoutMs, io);
            accepted = io.Synchronous ? AcceptBlocking(limitMs, io) : await AcceptWithinAsync(limitMs, io).ConfigureAwait(false);
        }
        finally
        {
            _listener.Close();   // one data connection per listener: done with it whatever happened
        }
        io.Events.Info("Connection accepted from server");
        return HandOver(accepted, io);
    }

    /// <summary>Closes the listener if the accept never ran to completion. Idempotent.</summary>
    public void Dispose() => _listener.Close();

    // The accept deadline is libcurl's: the accept timeout, cut short by the transfer's own deadline.
    private static int LimitMs(long acceptTimeoutMs, IoContext io)
    {
        long limit = acceptTimeoutMs > 0 ? acceptTimeoutMs : DefaultAcceptTimeoutMs;
        int remaining = io.RemainingMs;
        if (remaining != Timeout.Infinite) limit = Math.Min(limit, remaining);
        if (io.Token.IsCancellationRequested) throw Stopped(new OperationCanceledException(io.Token), io, limit);
        if (limit <= 0) throw TimedOut(limit);
        return (int)Math.Min(limit, int.MaxValue);
    }

    // Poll bounds the wait without a thread hop; a long limit is waited in slices because Poll counts microseconds in an int.
    private Socket AcceptBlocking(int limitMs, IoContext io)
    {
        var listener = _listener.Socket;
        long started = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                long leftMs = limitMs - (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (leftMs <= 0) throw TimedOut(limitMs);
                if (!listener.Poll((int)Math.Min(leftMs * 1000, int.MaxValue), SelectMode.SelectRead)) continue;
                var accepted = listener.Accept();
                // A callback's listener may be non-blocking; the data socket must block for SocketFilter's timeouts to hold.
                if (!accepted.Blocking) accepted.Blocking = true;
                return accepted;
            }
        }
        catch (SocketException ex) { throw AcceptFailed(ex); }
        catch (ObjectDisposedException ex) { throw AcceptFailed(ex); }
    }

    private async ValueTask<Socket> AcceptWithinAsync(int limitMs, IoContext io)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(io.Token);
        wait.CancelAfter(limitMs);
        try { return await _listener.Socket.AcceptAsync(wait.Token).ConfigureAwait(false); }
        catch (OperationCanceledException ex) { throw Stopped(ex, io, limitMs); }
        catch (SocketException ex) { throw AcceptFailed(ex); }
        catch (ObjectDisposedException ex) { throw AcceptFailed(ex); }
    }

    // The data socket is ours from here: any refusal closes it (not through the close callback: it was never opened by it).
    private SocketFilter HandOver(Socket accepted, IoContext io)
    {
        ManagedSocket data;
        EndPoint remote;
        try
        {
            remote = accepted.RemoteEndPoint!;
            data = _factory.WrapAccepted(accepted);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            accepted.Dispose();
            throw AcceptFailed(ex);
        }
        try
        {
            var answer = _factory.ApplySockOpt(data, CurlSockType.Accept);
            if (answer != SockOptResult.Ok)
                throw new CurlException(CurlCode.AbortedByCallback, $"The sockopt callback answered {answer} for the accepted FTP data connection from {remote}; Curlew goes on only with Ok");
            return new SocketFilter(data, remote);
        }
        catch
        {
            data.Close();
            throw;
        }
    }

    // The caller's cancellation stays an OperationCanceledException; any deadline that fired is the accept timeout.
    private static Exception Stopped(OperationCanceledException ex, IoContext io, long limitMs) =>
        io.Interrupted(ex) is OperationCanceledException cancelled ? cancelled : TimedOut(limitMs);

    private static CurlException TimedOut(long limitMs) =>
        new(CurlCode.FtpAcceptTimeout, $"Accept timeout occurred while waiting server connect ({Math.Max(limitMs, 0)} ms)");

    private static CurlException AcceptFailed(Exception ex) =>
        new(CurlCode.FtpAcceptFailed, $"Curlew could not accept the FTP server's data connection: {(ex is SocketException se ? SocketFilter.Describe(se) : ex.Message)}", ex)
        {
            OsErrno = ex is SocketException se2 ? se2.NativeErrorCode : 0,
        };
}
