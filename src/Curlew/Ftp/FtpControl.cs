using System.Text;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// The control connection as a command/reply channel: writes one command line (refusing CR, LF and NUL from any
/// caller, so nothing can smuggle a second command), reads the reply, and records the last code (ResponseCode).
/// </summary>
internal sealed class FtpControl(Connection connection, IoContext io, OutputSink? headers, TransferInfo info, int responseTimeoutMs,
    ConnectionProvider connections)
{
    public Connection Connection { get; } = connection;

    /// <summary>The transfer's I/O context.</summary>
    public IoContext Io => io;

    /// <summary>Sends <paramref name="command"/> and returns the server's complete (non-preliminary) reply.</summary>
    public async ValueTask<FtpReply> CommandAsync(string command)
    {
        await SendAsync(command).ConfigureAwait(false);
        return await ReadAsync().ConfigureAwait(false);
    }

    /// <summary>Sends one command line.</summary>
    public async ValueTask SendAsync(string command)
    {
        if (command.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new CurlException(CurlCode.UrlMalformat, "An FTP command may not contain CR, LF or NUL");
        var bytes = Encoding.UTF8.GetBytes(command + "\r\n");
        io.Events.Sent(bytes);
        await Connection.Top.SendAsync(bytes, io).ConfigureAwait(false);
    }

    /// <summary>Upgrades the control connection to TLS in place (after the server's 234 to AUTH); its end is APPCONNECT_TIME.</summary>
    public ValueTask StartTlsAsync() => connections.StartTlsAsync(Connection, io);

    /// <summary>Reads the next reply (a preliminary 1xx one included), waiting up to <paramref name="timeoutMs"/> (default: the response timeout).</summary>
    public async ValueTask<FtpReply> ReadAsync(int timeoutMs = 0)
    {
        var reply = await FtpReplyReader.ReadAsync(Connection, io, headers, timeoutMs > 0 ? timeoutMs : responseTimeoutMs).ConfigureAwait(false);
        info.ResponseCode = reply.Code;
        return reply;
    }
}
