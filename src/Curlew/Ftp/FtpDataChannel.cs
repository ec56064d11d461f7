using Curlew.Connect;
using Curlew.Connect.Tcp;

namespace Curlew.Ftp;

/// <summary>
/// One transfer's data connection, passive or active, as one owner: passive connects before the transfer command
/// (as libcurl), active listens then and accepts once the server has answered it. Whatever was opened is closed by
/// <see cref="Dispose"/>: the listener through the close callback, a passive data socket through it too, an accepted
/// one by Curlew alone.
/// </summary>
internal sealed class FtpDataChannel : IDisposable
{
    private SocketAcceptor? _acceptor;
    private Connection? _connection;
    private bool _protect;

    public static async ValueTask<FtpDataChannel> OpenAsync(FtpControl control, FtpSession session, FtpSettings s, ConnectionProvider connections, Connect.IoContext io)
    {
        var channel = new FtpDataChannel { _protect = session.ProtectData };
        if (s.Port is not null) channel._acceptor = await ActiveOpener.ListenAsync(control, session, s, connections).ConfigureAwait(false);
        else channel._connection = await PassiveOpener.OpenAsync(control, session, s, connections, io).ConfigureAwait(false);
        return channel;
    }

    /// <summary>
    /// The connected data connection: at once in passive mode, after the server connected in active mode; with PROT P
    /// wrapped in TLS here, once the server answered the transfer command (it accepts and handshakes only then).
    /// </summary>
    public async ValueTask<Connection> ReadyAsync(FtpSettings s, Connection control, ConnectionProvider connections, Connect.IoContext io)
    {
        if (_connection is null)
        {
            var acceptor = _acceptor ?? throw new InvalidOperationException("data channel used after it was closed");
            _acceptor = null;
            try { _connection = await connections.AcceptDataConnectionAsync(acceptor, s.AcceptTimeoutMs, control, io).ConfigureAwait(false); }
            finally { acceptor.Dispose(); }
        }
        if (_protect)
        {
            _protect = false;
            await _connection.StartTlsAsync(io).ConfigureAwait(false);
        }
        return _connection;
    }

    /// <summary>Closes what is open. Idempotent.</summary>
    public void Dispose()
    {
        _acceptor?.Dispose();
        _acceptor = null;
        _connection?.Close();
    }
}
