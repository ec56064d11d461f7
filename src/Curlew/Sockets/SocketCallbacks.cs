namespace Curlew.Sockets;

/// <summary>The socket lifecycle callbacks and their client data, captured when a transfer starts.</summary>
internal sealed record SocketCallbacks(
    OpenSocketCallback? Open, object? OpenData,
    SockOptCallback? SockOpt, object? SockOptData,
    CloseSocketCallback? Close, object? CloseData)
{
    public static readonly SocketCallbacks None = new(null, null, null, null, null, null);
}
