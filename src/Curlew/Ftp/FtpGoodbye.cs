using System.Text;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// QUIT on a control connection that is being closed while in step, as libcurl 7.88.1 ends every such connection:
/// send QUIT and wait for the reply, bounded by <see cref="Connection.GoodbyeTimeoutMs"/> (libcurl waits up to its
/// response timeout, 120 s by default). A synchronous transfer (or a close with none) waits on its thread, as libcurl;
/// an asynchronous one awaits the 221 and holds no thread meanwhile. Who hears the 221 follows libcurl: the transfer that closes it (ForbidReuse,
/// or its return evicting an older one beyond MaxConnects) gets it on the header callback and in ResponseCode; a
/// close with no transfer (the handle disposed) and the QUIT after a Range abort are heard by nobody.
/// </summary>
internal static class FtpGoodbye
{
    private static readonly byte[] Quit = Encoding.ASCII.GetBytes("QUIT\r\n");

    /// <summary>Says QUIT that no transfer hears (Dispose, a late return, another protocol's eviction); never throws, never waits past <paramref name="timeoutMs"/>.</summary>
    public static ValueTask DetachedAsync(Connection connection, int timeoutMs, bool synchronous, CancellationToken token) =>
        SayAsync(connection, timeoutMs, synchronous, token, headers: null, info: null);

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
    /// to this transfer's header callback and ResponseCode, as libcurl's eviction does (an asynchronous transfer awaits
    /// it and its cancellation ends the wait); any other is just closed.
    /// </summary>
    public static Func<Connection, ValueTask> ForEvicted(TransferContext c) => evicted =>
    {
        if (evicted.ProtocolState is not FtpSession) return ValueTask.CompletedTask;   // nothing to say: the caller closes it
        evicted.ProtocolState = null;
        return SayAsync(evicted, Connection.GoodbyeTimeoutMs, c.Io.Synchronous, c.Io.UserToken, c.Headers, c.Info);
    };

    // I/O on a context of its own (the connection belongs to no transfer, or to one whose result is decided): blocking
    // calls that complete inline when synchronous; otherwise awaited ones, bounded by the context's deadline and ended
    // early by the caller's token (cancelling an asynchronous transfer stops its wait for an evicted connection's 221).
    private static async ValueTask SayAsync(Connection connection, int timeoutMs, bool synchronous, CancellationToken token, OutputSink? headers, TransferInfo? info)
    {
        using var io = new IoContext(synchronous, timeoutMs, token);
        try { await QuitAsync(connection, io, timeoutMs, headers, info).ConfigureAwait(false); }
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
