using Curlew.Connect.Tcp;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect;

/// <summary>
/// A connected filter chain plus what the engine needs to know about it: where it goes, its read-ahead buffer and
/// whether it may be reused. Closing it closes the chain (and so hands the socket to the close callback) exactly once.
/// </summary>
internal sealed class Connection(ConnectionFilter top, SocketFilter socket, ConnectionKey key, int bufferSize)
{
    private int _closed;

    public ConnectionFilter Top { get; } = top;
    public SocketFilter Socket { get; } = socket;
    public ConnectionKey Key { get; } = key;
    public ReceiveBuffer Buffer { get; } = new(bufferSize);

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

    /// <summary>Idle check before reuse: nothing buffered and the peer still there.</summary>
    public bool IsAliveForReuse() => !IsClosed && Buffer.Count == 0 && Top.IsAlive();

    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        try { Top.Close(); }
        finally { Buffer.Release(); }
    }
}
