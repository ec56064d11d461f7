using System.Net;
using System.Net.Sockets;
using Curlew.Sockets;
using Xunit;
using LedgerEvent = Curlew.Sockets.LedgerEvent;

namespace Curlew.Tests.Unit;

/// <summary>The socket factory's ownership rules, checked directly (the FTP data path that accepts sockets builds on them).</summary>
public class SocketFactoryTests
{
    private static (SocketFactory Factory, List<Socket> ClosedByCallback) FactoryWithCallbacks(OpenSocketCallback? open = null)
    {
        var closed = new List<Socket>();
        var callbacks = new SocketCallbacks(
            open ?? ((_, _, a) => new Socket(a.Family, a.SocketType, a.Protocol)), "open-data",
            null, null,
            (_, s) => { closed.Add(s); s.Dispose(); return 0; }, "close-data");
        return (new SocketFactory(callbacks, new SocketLedger()), closed);
    }

    [Fact]
    public void An_accepted_socket_is_never_handed_to_the_close_callback_and_is_closed_by_Curlew()   // rule 6
    {
        var (factory, closedByCallback) = FactoryWithCallbacks();
        var accepted = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var managed = factory.WrapAccepted(accepted);

        managed.Close();
        managed.Close();

        Assert.Empty(closedByCallback);
        Assert.True(accepted.SafeHandle.IsClosed, "Curlew must close accepted sockets itself");
        Assert.Single(factory.Ledger.Snapshot(), e => e.Event == LedgerEvent.AcceptedClosed);
        Assert.Empty(factory.Ledger.OpenSocketIds());
    }

    [Fact]
    public void A_socket_from_the_open_callback_goes_to_the_close_callback_once_however_often_it_is_closed()   // rule 5
    {
        var (factory, closedByCallback) = FactoryWithCallbacks();
        var managed = factory.Open(CurlSockType.IpCxn, new CurlSockAddr(new IPEndPoint(IPAddress.Loopback, 1)))!;

        Parallel.For(0, 16, _ => managed.Close());

        Assert.Single(closedByCallback);
        Assert.Same(managed.Socket, closedByCallback[0]);
        Assert.Empty(factory.Ledger.DoubleClosedSocketIds());
    }

    [Fact]
    public void The_open_callback_gets_the_plain_socket_type_and_protocol_and_its_rewrite_is_kept()   // rules 1 and 2
    {
        CurlSockAddr? seen = null;
        var (factory, _) = FactoryWithCallbacks((_, purpose, a) =>
        {
            seen = a;
            Assert.Equal(CurlSockType.IpCxn, purpose);
            Assert.Equal(SocketType.Stream, a.SocketType);
            Assert.Equal(ProtocolType.Tcp, a.Protocol);
            Assert.Equal(16, a.AddrLen);
            a.Address = new IPEndPoint(IPAddress.Parse("::1"), 8080);
            a.Family = AddressFamily.InterNetworkV6;
            return new Socket(a.Family, a.SocketType, a.Protocol);
        });
        var address = new CurlSockAddr(new IPEndPoint(IPAddress.Loopback, 80));
        var managed = factory.Open(CurlSockType.IpCxn, address)!;

        Assert.Same(address, seen);
        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 8080), address.Address);
        Assert.Equal(28, address.AddrLen);
        managed.Close();
    }

    [Fact]
    public void A_Unix_address_is_offered_with_an_unspecified_protocol()
    {
        var address = new CurlSockAddr(new UnixDomainSocketEndPoint("/tmp/curlew-test.sock"));
        Assert.Equal(AddressFamily.Unix, address.Family);
        Assert.Equal(ProtocolType.Unspecified, address.Protocol);
        Assert.Equal(110, address.AddrLen);
    }
}
