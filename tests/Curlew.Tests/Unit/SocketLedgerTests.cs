using System.Net;
using Curlew.Sockets;
using Xunit;
using LedgerEvent = Curlew.Sockets.LedgerEvent;

namespace Curlew.Tests.Unit;

/// <summary>The internal ledger stays exact about open sockets and double closes while its history stays bounded.</summary>
public class SocketLedgerTests
{
    private static readonly EndPoint Target = new IPEndPoint(IPAddress.Loopback, 80);

    [Fact]
    public void A_long_lived_ledger_keeps_a_bounded_history_but_exact_open_and_close_accounting()
    {
        var ledger = new SocketLedger();
        const int sockets = SocketLedger.HistoryCapacity * 3;
        long stillOpen = 0;
        for (int i = 0; i < sockets; i++)
        {
            var id = ledger.NextSocketId();
            ledger.Record(LedgerEvent.Opened, id, CurlSockType.IpCxn, Target, viaCallback: true);
            if (i == 7) { stillOpen = id; continue; }   // one socket from long ago is never closed
            ledger.Record(LedgerEvent.Closed, id, CurlSockType.IpCxn, null, viaCallback: true);
        }

        Assert.Equal(SocketLedger.HistoryCapacity, ledger.Snapshot().Count);
        Assert.Equal(sockets, ledger.TotalOpened);
        Assert.Equal(sockets - 1, ledger.TotalClosed);
        Assert.Equal([stillOpen], ledger.OpenSocketIds());   // remembered although its open left the history long ago
        Assert.Empty(ledger.DoubleClosedSocketIds());
    }

    [Fact]
    public void A_second_close_of_the_same_socket_is_reported_even_after_its_history_is_gone()
    {
        var ledger = new SocketLedger();
        var id = ledger.NextSocketId();
        ledger.Record(LedgerEvent.Opened, id, CurlSockType.IpCxn, Target, viaCallback: false);
        ledger.Record(LedgerEvent.Closed, id, CurlSockType.IpCxn, null, viaCallback: false);
        for (int i = 0; i < SocketLedger.HistoryCapacity; i++)
            ledger.Record(LedgerEvent.SockOpt, ledger.NextSocketId(), CurlSockType.IpCxn, null, viaCallback: false);

        ledger.Record(LedgerEvent.Closed, id, CurlSockType.IpCxn, null, viaCallback: false);

        Assert.Equal([id], ledger.DoubleClosedSocketIds());
        Assert.Empty(ledger.OpenSocketIds());
    }
}
