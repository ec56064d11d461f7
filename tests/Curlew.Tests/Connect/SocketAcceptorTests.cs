using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Connect.Tcp;
using Curlew.Tests.Support;
using Xunit;
using InternalEvent = Curlew.Sockets.LedgerEvent;

namespace Curlew.Tests.Connect;

/// <summary>
/// The FTP active-mode listener on its good paths (API.md rules 1, 2, 4, 5, 6): opened through the open callback with
/// purpose Accept, listening where the callback says, closed once right after the accept; the accepted data socket
/// configured with Accept, closed by Curlew and usable through the filter operations.
/// </summary>
public sealed class SocketAcceptorTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_listener_comes_from_the_open_callback_with_Accept_and_is_closed_once_right_after_the_accept(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        Socket? dataSocket = null;
        int sockOptThread = 0;
        h.Callbacks.OnSockOpt = (socket, _) =>
        {
            dataSocket = socket;
            sockOptThread = Environment.CurrentManagedThreadId;
            return SockOptResult.Ok;
        };
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        var open = h.ListenerOpen();
        Assert.Equal(("127.0.0.1", 0, AddressFamily.InterNetwork), (open.Address, open.Port, open.Family));
        Assert.Equal((SocketType.Stream, ProtocolType.Tcp), (open.SocketType, open.Protocol));
        Assert.True(acceptor.LocalEndPoint.Port != 0, "the reported endpoint must carry the port the system picked");
        Assert.Empty(h.Callbacks.Closes);   // still listening

        var (data, _) = await h.AcceptFromServerAsync(acceptor, io);

        var events = h.Callbacks.Events.ToList();
        var sockOpt = Assert.Single(h.Callbacks.SockOpts);
        Assert.Equal(CurlSockType.Accept, sockOpt.Purpose);
        Assert.True(sockOpt.WasConnected, "the sockopt callback must get the accepted, connected data socket");
        Assert.True(events.FindIndex(e => e.Kind == Support.LedgerEventKind.Close && e.SocketId == open.SocketId) < events.IndexOf(sockOpt),
            $"the listener must be closed right after the accept, before the data socket is configured. {h.Callbacks.Describe()}");
        if (synchronous) Assert.Equal(Environment.CurrentManagedThreadId, sockOptThread);
        Assert.False(dataSocket!.SafeHandle.IsClosed, "the data socket must stay open until the filter is closed");

        data.Close();
        Assert.True(dataSocket.SafeHandle.IsClosed, "Curlew must close the accepted socket itself (rule 6)");
        Assert.Equal(1, h.InternalCount(InternalEvent.AcceptedClosed));
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_accepted_connection_reads_and_writes_through_the_filter_operations(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous, timeoutMs: 20_000);
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);
        var (data, server) = await h.AcceptFromServerAsync(acceptor, io);

        Assert.Equal(server.LocalEndPoint, data.RemoteEndPoint);
        server.Send("-rw-r--r-- file\r\n"u8);
        var buffer = new byte[64];
        int read = await data.ReceiveAsync(buffer, io);
        Assert.Equal("-rw-r--r-- file\r\n", Encoding.ASCII.GetString(buffer, 0, read));
        await data.SendAsync("upload"u8.ToArray(), io);
        read = server.Receive(buffer);
        Assert.Equal("upload", Encoding.ASCII.GetString(buffer, 0, read));

        data.Close();
        Assert.Equal(0, server.Receive(buffer));   // the server sees the data connection end
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_rewritten_address_is_where_the_listener_listens_and_what_it_reports(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        var chosen = new IPEndPoint(IPAddress.Loopback, Run.ClosedPort());
        h.Callbacks.OnOpen = address =>
        {
            address.Address = chosen;   // any address, any port -> one loopback port the "application" picked
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };
        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Any, 0, 0);

        var open = h.ListenerOpen();
        Assert.Equal(("0.0.0.0", 0), (open.Address, open.Port));
        Assert.Equal(chosen, acceptor.LocalEndPoint);
        var (data, server) = await h.AcceptFromServerAsync(acceptor, io);   // connects to the reported endpoint
        Assert.Equal(chosen, server.RemoteEndPoint);

        data.Close();
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_port_range_whose_first_port_is_busy_listens_on_the_next(bool synchronous)
    {
        using var h = new AcceptorHarness();
        using var io = AcceptorHarness.Io(synchronous);
        var (busy, next) = AcceptorHarness.HoldConsecutivePorts();
        using var _ = busy;
        int first = ((IPEndPoint)busy.LocalEndPoint!).Port;
        next.Dispose();   // free P+1; it never had a connection, so nothing lingers on it

        using var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, first, first + 1);

        Assert.Equal(first + 1, acceptor.LocalEndPoint.Port);
        var open = h.ListenerOpen();   // one listener, one open-callback call: ports are tried on the same socket
        Assert.Equal(first, open.Port);
        var (data, _) = await h.AcceptFromServerAsync(acceptor, io);
        data.Close();
        h.AssertListenerClosedOnceAndNothingLeaks();
    }

    [Fact]
    public void A_listener_disposed_before_any_accept_is_closed_once()
    {
        using var h = new AcceptorHarness();
        var acceptor = SocketAcceptor.Listen(h.Factory, IPAddress.Loopback, 0, 0);

        acceptor.Dispose();   // e.g. the server refused PORT: no accept is ever waited for
        acceptor.Dispose();

        Assert.Empty(h.Callbacks.SockOpts);
        h.AssertListenerClosedOnceAndNothingLeaks();
    }
}
