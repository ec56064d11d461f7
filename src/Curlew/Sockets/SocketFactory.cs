using System.Net.Sockets;

namespace Curlew.Sockets;

/// <summary>
/// The single place where Curlew obtains sockets: through the open-socket callback when one is set, otherwise
/// by creating one. Also runs the sockopt callback. Every socket it hands out is wrapped in a <see cref="ManagedSocket"/>.
/// </summary>
internal sealed class SocketFactory(SocketCallbacks callbacks, SocketLedger ledger)
{
    public SocketCallbacks Callbacks { get; } = callbacks;
    public SocketLedger Ledger { get; } = ledger;

    /// <summary>Opens a socket for <paramref name="address"/>; <c>null</c> when the open callback refused.</summary>
    /// <exception cref="CurlException">AbortedByCallback when the callback threw.</exception>
    public ManagedSocket? Open(CurlSockType purpose, CurlSockAddr address)
    {
        var id = Ledger.NextSocketId();
        if (Callbacks.Open is null)
        {
            var plain = new Socket(address.Family, address.SocketType, address.Protocol);
            return Wrap(plain, id, purpose, address, viaCallback: false);
        }

        Socket? socket;
        try { socket = Callbacks.Open(Callbacks.OpenData, purpose, address); }
        catch (Exception ex) { throw CurlException.FromCallback("open-socket", ex); }

        if (socket is null)
        {
            Ledger.Record(LedgerEvent.Refused, id, purpose, address.Address, viaCallback: true);
            return null;
        }
        return Wrap(socket, id, purpose, address, viaCallback: true);
    }

    /// <summary>Wraps a socket Curlew accepted itself: never given to the close callback.</summary>
    public ManagedSocket WrapAccepted(Socket accepted) =>
        new(accepted, Ledger.NextSocketId(), CurlSockType.Accept, accepted.RemoteEndPoint, viaCallback: false, accepted: true, null, null, Ledger);

    /// <summary>Runs the sockopt callback, if any. Answers other than Ok and AlreadyConnected count as Error.</summary>
    public SockOptResult ApplySockOpt(ManagedSocket socket, CurlSockType purpose)
    {
        if (Callbacks.SockOpt is null) return SockOptResult.Ok;
        SockOptResult result;
        try { result = Callbacks.SockOpt(Callbacks.SockOptData, socket.Socket, purpose); }
        catch (Exception ex) { throw CurlException.FromCallback("sockopt", ex); }
        Ledger.Record(LedgerEvent.SockOpt, socket.Id, purpose, null, socket.ViaOpenCallback, result.ToString());
        return result is SockOptResult.Ok or SockOptResult.AlreadyConnected ? result : SockOptResult.Error;
    }

    private ManagedSocket Wrap(Socket socket, long id, CurlSockType purpose, CurlSockAddr address, bool viaCallback)
    {
        try
        {
            return new(socket, id, purpose, address.Address, viaCallback, accepted: false, Callbacks.Close, Callbacks.CloseData, Ledger);
        }
        catch
        {
            // Nothing owns the socket yet, so its close is ours: through the callback when it came from the open callback.
            try { if (viaCallback && Callbacks.Close is not null) Callbacks.Close(Callbacks.CloseData, socket); else socket.Dispose(); }
            catch (Exception) { }
            throw;
        }
    }
}
