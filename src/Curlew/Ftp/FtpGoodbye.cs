using System.Text;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// QUIT on a control connection that is being closed while in step, as libcurl 7.88.1 ends every such connection:
/// send QUIT and wait for the reply, bounded by <see cref="Connection.GoodbyeTimeoutMs"/> (libcurl waits up to its
/// response timeout, 120 s by default). Who hears the 221 follows libcurl: the transfer that closes it (ForbidReuse,
/// or its return evicting an older one beyond MaxConnects) gets it on the header callback and in ResponseCode; a
/// close with no transfer (the handle disposed) and the QUIT after a Range abort are heard by nobody.
/// </summary>
internal static class FtpGoodbye
{
    private static readonly byte[] Quit = Encoding.ASCII.GetBytes("QUIT\r\n");

    /// <summary>Says QUIT with no transfer running (Dispose, a late return); never throws, never waits past <paramref name="timeoutMs"/>.</summary>
    public static void Detached(Connection connection, int timeoutMs) => Blocking(connection, timeoutMs, headers: null, info: null);

    /// <summary>Says QUIT as the last step of a transfer (ForbidReuse); its failure never changes the transfer's result.</summary>
    public static async ValueTask InTransferAsync(FtpControl control)
    {
        control.Connection.ProtocolState = null;   // said here: the close says nothing more
        try
        {
            await SendQuitAsync(control.Connection, control.Io).ConfigureAwait(false);
            await control.ReadAsync(Connection.GoodbyeTimeoutMs).ConfigureAwait(false);
        }
        catch (CurlException) { }
    }

    /// <summary>Says QUIT inside a transfer without anyone hearing the reply (after a Range abort, as libcurl).</summary>
    public static async ValueTask QuietAsync(FtpControl control)
    {
        control.Connection.ProtocolState = null;
        try
        {
            await SendQuitAsync(control.Connection, control.Io).ConfigureAwait(false);
            await FtpReplyReader.ReadAsync(control.Connection, control.Io, headers: null, Connection.GoodbyeTimeoutMs).ConfigureAwait(false);
        }
        catch (CurlException) { }
    }

    /// <summary>
    /// The closer for connections a transfer's return pushes out of the pool: an FTP one says QUIT with the 221 going
    /// to this transfer's header callback and ResponseCode, as libcurl's eviction does; any other is just closed.
    /// </summary>
    public static Action<Connection> ForEvicted(TransferContext c) => evicted =>
    {
        if (evicted.ProtocolState is FtpSession)
        {
            evicted.ProtocolState = null;
            Blocking(evicted, Connection.GoodbyeTimeoutMs, c.Headers, c.Info);
        }
        evicted.Close();
    };

    // Blocking I/O on a context of its own (the evicted connection belongs to no transfer), so it completes inline.
    private static void Blocking(Connection connection, int timeoutMs, OutputSink? headers, TransferInfo? info)
    {
        using var io = new IoContext(synchronous: true, timeoutMs, CancellationToken.None);
        try
        {
            var pending = QuitAsync(connection, io, timeoutMs, headers, info);
            if (pending.IsCompleted) pending.GetAwaiter().GetResult();
            else pending.AsTask().Wait(timeoutMs);
        }
        catch (Exception) { }   // the goodbye is best effort: the close goes ahead whatever happened
    }

    private static async ValueTask QuitAsync(Connection connection, IoContext io, int timeoutMs, OutputSink? headers, TransferInfo? info)
    {
        await SendQuitAsync(connection, io).ConfigureAwait(false);
        var reply = await FtpReplyReader.ReadAsync(connection, io, headers, timeoutMs).ConfigureAwait(false);
        if (info is not null) info.ResponseCode = reply.Code;
    }

    private static ValueTask SendQuitAsync(Connection connection, IoContext io)
    {
        io.Events.Sent(Quit);
        return connection.Top.SendAsync(Quit, io);
    }
}
