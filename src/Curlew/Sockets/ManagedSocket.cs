using System.Net;
using System.Net.Sockets;
using Curlew.Diagnostics;

namespace Curlew.Sockets;

/// <summary>
/// The one owner of a socket's close. Closing is idempotent (first call wins) so every path, success or failure,
/// may call <see cref="Close"/> without counting: exactly-once holds by construction. A socket from the open-socket
/// callback goes to the close-socket callback captured when it was opened; Curlew never disposes it itself then.
/// Accepted sockets (not from the callback) are always disposed by Curlew.
/// </summary>
internal sealed class ManagedSocket
{
    private readonly SocketLedger _ledger;
    private readonly CloseSocketCallback? _closeCallback;
    private readonly object? _closeData;
    private int _closed;

    public ManagedSocket(Socket socket, long id, CurlSockType purpose, EndPoint? address, bool viaCallback, bool accepted,
        CloseSocketCallback? closeCallback, object? closeData, SocketLedger ledger)
    {
        Socket = socket;
        Id = id;
        Purpose = purpose;
        ViaOpenCallback = viaCallback;
        Accepted = accepted;
        _closeCallback = viaCallback ? closeCallback : null;
        _closeData = closeData;
        _ledger = ledger;
        ledger.Record(accepted ? LedgerEvent.Accepted : LedgerEvent.Opened, id, purpose, address, viaCallback);
        CurlewMetrics.SocketOpened();
    }

    public Socket Socket { get; }
    public long Id { get; }
    public CurlSockType Purpose { get; }
    public bool ViaOpenCallback { get; }
    public bool Accepted { get; }
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>Hands the socket to the close callback (or disposes it). Safe to call any number of times, from any thread; never throws.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0) return;
        string? detail = null;
        try
        {
            if (_closeCallback is not null) _closeCallback(_closeData, Socket);
            else Socket.Dispose();
        }
        catch (Exception ex) { detail = "close threw " + ex.GetType().Name; } // return value and failures are ignored, as in libcurl
        _ledger.Record(Accepted ? LedgerEvent.AcceptedClosed : LedgerEvent.Closed, Id, Purpose, null, ViaOpenCallback, detail);
        CurlewMetrics.SocketClosed();
    }
}
