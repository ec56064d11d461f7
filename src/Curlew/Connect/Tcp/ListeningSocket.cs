using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Opens the FTP active-mode listening socket: one open-callback call with purpose <see cref="CurlSockType.Accept"/>
/// and the local address, then bind (over a port range when asked) and listen. The callback's rewrite of the address
/// is where it listens (API.md rule 2). Every failure closes the socket before it throws, so the caller owns nothing
/// unless this returns.
/// </summary>
internal static class ListeningSocket
{
    // libcurl listens with a backlog of one: the FTP server makes exactly one data connection per PORT/EPRT.
    private const int Backlog = 1;

    /// <summary>Opens, binds and listens; returns the listener and the endpoint it is really bound to (port 0 resolved).</summary>
    /// <param name="factory">Where the socket comes from (the open callback, when set).</param>
    /// <param name="address">The local address to listen on, offered to the open callback.</param>
    /// <param name="firstPort">The first port to try; 0 lets the system pick one.</param>
    /// <param name="lastPort">End of the port range starting at <paramref name="firstPort"/> (FtpPort's <c>addr:lo-hi</c>); equal to it for one port.</param>
    /// <exception cref="CurlException">FtpPortFailed on refusal or bind/listen failure; AbortedByCallback when the callback threw.</exception>
    public static (ManagedSocket Listener, IPEndPoint Bound) Open(SocketFactory factory, IPAddress address, int firstPort, int lastPort)
    {
        if (firstPort is < 0 or > IPEndPoint.MaxPort || lastPort < firstPort || lastPort > IPEndPoint.MaxPort)
            throw PortFailed($"the port range {firstPort}-{lastPort} is not valid", null);
        var offered = new IPEndPoint(address, firstPort);
        var request = new CurlSockAddr(offered);
        ManagedSocket? listener;
        try { listener = factory.Open(CurlSockType.Accept, request); }
        catch (SocketException ex) { throw PortFailed($"could not create a socket for {offered}: {SocketFilter.Describe(ex)}", ex); }
        if (listener is null)
            throw new CurlException(CurlCode.FtpPortFailed, $"Curlew could not listen for the FTP data connection: the open-socket callback refused the listening socket for {offered}");

        try { return (listener, BindAndListen(listener.Socket, request.Address, offered, lastPort)); }
        catch
        {
            listener.Close();   // rule 5: a listener that never listened still goes to the close callback, once
            throw;
        }
    }

    private static IPEndPoint BindAndListen(Socket socket, EndPoint requested, IPEndPoint offered, int lastPort)
    {
        if (requested is not IPEndPoint target)
            throw PortFailed($"the open-socket callback gave {requested}, which is not an IP address to announce in PORT/EPRT", null);
        // The range belongs to the port Curlew offered; a port the callback chose itself is used as it is.
        int first = target.Port, last = target.Port == offered.Port && first != 0 ? lastPort : first;
        try
        {
            Bind(socket, target.Address, first, last);
            socket.Listen(Backlog);
            return (IPEndPoint)socket.LocalEndPoint!;
        }
        catch (SocketException ex) { throw PortFailed($"bind/listen on {target} failed: {SocketFilter.Describe(ex)}", ex); }
        catch (Exception ex) when (ex is not CurlException and not OperationCanceledException)
        {
            // An odd socket from the open callback (wrong family, already disposed, ...) fails the listener, not the process.
            throw PortFailed($"bind/listen on {target} failed: {ex.Message}", ex);
        }
    }

    // Ports are tried in order; a busy one moves on to the next, any other error ends the search at once.
    private static void Bind(Socket socket, IPAddress address, int first, int last)
    {
        for (int port = first; ; port++)
        {
            try
            {
                socket.Bind(new IPEndPoint(address, port));
                return;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse && first != last)
            {
                if (port == last) throw PortFailed($"every port of {FormatAddress(address)}:{first}-{last} is in use", ex);
            }
        }
    }

    private static string FormatAddress(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    private static CurlException PortFailed(string why, Exception? inner) =>
        new(CurlCode.FtpPortFailed, $"Curlew could not listen for the FTP data connection: {why}", inner)
        {
            OsErrno = inner is SocketException se ? se.NativeErrorCode : 0,
        };
}
