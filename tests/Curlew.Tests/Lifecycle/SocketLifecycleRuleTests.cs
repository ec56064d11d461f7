using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>The socket lifecycle rules 1-8 of API.md, each checked from outside through the public callbacks.</summary>
public sealed class SocketLifecycleRuleTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    // Rule 1 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Open_callback_runs_once_for_each_address_tried()
    {
        // A listener bound to 127.0.0.1 refuses connections to 127.0.0.2, so the first address fails and the second works.
        var port = kestrel.Server.Port;
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Resolve = [$"test.invalid:{port}:127.0.0.2,127.0.0.1"];
        easy.Url = $"http://test.invalid:{port}/hello";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertOk(code, easy, ledger);
        Assert.Equal("hello world\n", capture.Text);
        var attempts = ledger.OpenAttempts;
        Assert.True(attempts.Count == 2, $"expected one open per address (2). {ledger.Describe()}");
        // Addresses of one family are tried in the order the resolver gave them.
        Assert.Equal(["127.0.0.2", "127.0.0.1"], attempts.Select(a => a.Address).ToArray());
        Assert.All(attempts, a => Assert.Equal(port, a.Port));
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_gets_IpCxn_with_the_plain_stream_tcp_values()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        var open = Assert.Single(ledger.Opens);
        Assert.Equal(CurlSockType.IpCxn, open.Purpose);
        Assert.Equal(AddressFamily.InterNetwork, open.Family);
        Assert.Equal(SocketType.Stream, open.SocketType);
        Assert.Equal(ProtocolType.Tcp, open.Protocol);
        Assert.Equal("127.0.0.1", open.Address);
        Assert.Equal(kestrel.Server.Port, open.Port);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_is_called_for_an_IPv6_attempt_that_fails_and_its_socket_is_closed()
    {
        // The shared server is IPv4-only, so [::1] is refused and 127.0.0.1 works.
        var port = kestrel.Server.Port;
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Resolve = [$"test.invalid:{port}:[::1],127.0.0.1"];
        easy.Url = $"http://test.invalid:{port}/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Contains(ledger.OpenAttempts, a => a.Family == AddressFamily.InterNetworkV6 && a.Address == "::1");
        Assert.Contains(ledger.OpenAttempts, a => a.Family == AddressFamily.InterNetwork && a.Address == "127.0.0.1");
        Assert.Equal("127.0.0.1", easy.GetInfoString(CurlInfo.PrimaryIp));
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_gets_a_Unix_address_for_a_Unix_socket_transfer()
    {
        var path = Path.Combine(Path.GetTempPath(), $"curlew-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        var serve = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync();
            await FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nunix!")(peer, CancellationToken.None);
        });
        try
        {
            using var easy = new CurlEasy();
            var ledger = new CallbackLedger().Install(easy);
            var capture = new TransferCapture().Install(easy);
            easy.UnixSocketPath = path;
            easy.Url = "http://localhost/anything";

            Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

            Assert.Equal("unix!", capture.Text);
            var open = Assert.Single(ledger.Opens);
            Assert.Equal(AddressFamily.Unix, open.Family);
            Assert.Equal(SocketType.Stream, open.SocketType);
            Assert.Equal(ProtocolType.Unspecified, open.Protocol);
            easy.Dispose();
            ledger.AssertBalanced();
            await serve.WaitAsync(TimeSpan.FromSeconds(10));
        }
        finally
        {
            File.Delete(path);
        }
    }

    // Rule 2 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Address_rewritten_by_the_open_callback_is_where_Curlew_connects_and_what_it_reports()
    {
        var closedPort = Run.ClosedPort();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        ledger.OnOpen = address =>
        {
            address.Address = new IPEndPoint(IPAddress.Loopback, kestrel.Server.Port);
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };
        easy.Url = $"http://127.0.0.1:{closedPort}/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal("hello world\n", capture.Text);
        Assert.Equal(kestrel.Server.Port, easy.GetInfoLong(CurlInfo.PrimaryPort));
        Assert.Equal("127.0.0.1", easy.GetInfoString(CurlInfo.PrimaryIp));
        easy.Dispose();
        ledger.AssertBalanced();
    }

    // Rule 3 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Open_callback_returning_null_fails_with_CouldntConnect_and_says_the_callback_refused()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger { OnOpen = _ => null }.Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.CouldntConnect, code, easy, ledger);
        Assert.Contains("callback", easy.ErrorMessage ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Single(ledger.OpenAttempts);
        Assert.Empty(ledger.Opens);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_refusing_the_first_address_makes_Curlew_try_the_next()
    {
        await using var server = await KestrelTestServer.StartAsync(alsoIPv6: true);
        using var easy = new CurlEasy();
        var calls = 0;
        var ledger = new CallbackLedger().Install(easy);
        ledger.OnOpen = address => Interlocked.Increment(ref calls) == 1 ? null : new Socket(address.Family, address.SocketType, address.Protocol);
        var capture = new TransferCapture().Install(easy);
        easy.Resolve = [$"test.invalid:{server.Port}:[::1],127.0.0.1"];
        easy.Url = $"http://test.invalid:{server.Port}/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal("hello world\n", capture.Text);
        Assert.Equal(2, ledger.OpenAttempts.Count);
        Assert.Single(ledger.Opens);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Open_callback_that_throws_aborts_with_42_and_the_exception_is_kept()
    {
        var thrown = new InvalidOperationException("open callback exploded");
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger { OnOpen = _ => throw thrown }.Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.AbortedByCallback, code, easy, ledger);
        Assert.Same(thrown, easy.CallbackException);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    // Rule 4 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Sockopt_callback_runs_once_per_new_socket_after_open_and_before_connect()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        var open = Assert.Single(ledger.Opens);
        var sockopt = Assert.Single(ledger.SockOpts);
        Assert.Equal(open.SocketId, sockopt.SocketId);
        Assert.Equal(CurlSockType.IpCxn, sockopt.Purpose);
        Assert.False(sockopt.WasConnected, "the sockopt callback must run before connect");
        Assert.True(ledger.Events.ToList().IndexOf(open) < ledger.Events.ToList().IndexOf(sockopt), ledger.Describe());
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Sockopt_callback_returning_Error_aborts_with_42_and_the_socket_is_closed_once()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger { OnSockOpt = (_, _) => SockOptResult.Error }.Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.AbortedByCallback, code, easy, ledger);
        Assert.Single(ledger.Opens);
        Assert.Single(ledger.Closes);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Sockopt_Error_on_the_first_address_makes_Curlew_try_the_next()
    {
        await using var server = await KestrelTestServer.StartAsync(alsoIPv6: true);
        using var easy = new CurlEasy();
        var calls = 0;
        var ledger = new CallbackLedger
        {
            OnSockOpt = (_, _) => Interlocked.Increment(ref calls) == 1 ? SockOptResult.Error : SockOptResult.Ok,
        }.Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Resolve = [$"test.invalid:{server.Port}:[::1],127.0.0.1"];
        easy.Url = $"http://test.invalid:{server.Port}/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal("hello world\n", capture.Text);
        Assert.Equal(2, ledger.Opens.Count);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Sockopt_AlreadyConnected_uses_the_applications_own_connected_socket_without_connecting()
    {
        await using var server = await KestrelTestServer.StartAsync();
        var own = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await own.ConnectAsync(IPAddress.Loopback, server.Port);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger
        {
            OnOpen = _ => own,
            OnSockOpt = (_, _) => SockOptResult.AlreadyConnected,
        }.Install(easy);
        var capture = new TransferCapture().Install(easy);
        // As in libcurl's externalsocket example, the URL's host is only used for the Host header.
        easy.Url = "http://99.99.99.99:9999/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal("hello world\n", capture.Text);
        Assert.Equal(1, server.ConnectionCount);
        Assert.True(ledger.SockOpts.Single().WasConnected);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    // Rule 5 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Without_a_close_callback_Curlew_disposes_the_sockets_the_open_callback_gave_it()
    {
        var sockets = new List<Socket>();
        var easy = new CurlEasy();
        easy.OpenSocketFunction = (_, _, address) =>
        {
            var socket = new Socket(address.Family, address.SocketType, address.Protocol);
            lock (sockets) sockets.Add(socket);
            return socket;
        };
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(), easy);
        easy.Dispose();

        var socket = Assert.Single(sockets);
        Assert.True(socket.SafeHandle.IsClosed, "Curlew must dispose a socket from the open callback when no close callback is set");
    }

    [Fact]
    public async Task Close_callback_runs_when_the_server_closes_the_connection()
    {
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"));
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal("ok", capture.Text);
        Assert.True(ledger.Closes.Count == 1, $"a connection the server closed must be closed before Perform returns. {ledger.Describe()}");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    // Rule 7 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Two_transfers_to_one_host_on_one_handle_open_one_socket_and_close_it_at_Dispose()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal(1, easy.GetInfoLong(CurlInfo.NumConnects));
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));

        Assert.Single(ledger.OpenAttempts);
        Assert.Single(ledger.SockOpts);
        Assert.Empty(ledger.Closes);
        Assert.Equal(1, server.ConnectionCount);
        easy.Dispose();
        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task ForbidReuse_closes_each_connection_after_its_transfer_and_opens_a_new_one()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/hello";
        easy.ForbidReuse = true;

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Single(ledger.Closes);
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal(2, ledger.Opens.Count);
        Assert.Equal(2, ledger.Closes.Count);
        Assert.Equal(1, easy.GetInfoLong(CurlInfo.NumConnects));
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task FreshConnect_opens_a_new_connection_although_one_is_cached()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        easy.FreshConnect = true;
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal(2, ledger.Opens.Count);
        Assert.Equal(1, easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal(2, server.ConnectionCount);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task MaxConnects_1_with_two_hosts_evicts_the_first_connection_with_exactly_one_close()
    {
        await using var first = await KestrelTestServer.StartAsync();
        await using var second = await KestrelTestServer.StartAsync();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.MaxConnects = 1;

        easy.Url = first.BaseUrl + "/hello";
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Empty(ledger.Closes);
        easy.Url = second.BaseUrl + "/hello";
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        var close = Assert.Single(ledger.Closes);
        var firstOpen = ledger.Opens.Single(o => o.Port == first.Port);
        Assert.Equal(firstOpen.SocketId, close.SocketId);
        easy.Dispose();
        Assert.Equal(2, ledger.Closes.Count);
        ledger.AssertBalanced();
    }

    // Rule 8 ---------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Each_socket_callback_gets_its_own_data_object_unchanged()
    {
        object openData = new(), sockOptData = new(), closeData = new();
        var seen = new List<string>();
        using var easy = new CurlEasy();
        easy.OpenSocketData = openData;
        easy.SockOptData = sockOptData;
        easy.CloseSocketData = closeData;
        easy.OpenSocketFunction = (clientp, _, address) =>
        {
            lock (seen) seen.Add(ReferenceEquals(clientp, openData) ? "open ok" : "open WRONG");
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };
        easy.SockOptFunction = (clientp, _, _) =>
        {
            lock (seen) seen.Add(ReferenceEquals(clientp, sockOptData) ? "sockopt ok" : "sockopt WRONG");
            return SockOptResult.Ok;
        };
        easy.CloseSocketFunction = (clientp, socket) =>
        {
            lock (seen) seen.Add(ReferenceEquals(clientp, closeData) ? "close ok" : "close WRONG");
            socket.Dispose();
            return 0;
        };
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(), easy);
        easy.Dispose();

        Assert.Equal(["open ok", "sockopt ok", "close ok"], seen);
    }

    [Fact]
    public async Task Data_objects_set_through_SetOpt_reach_the_callbacks_unchanged()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        // Install set the data objects through the properties; overwrite them with a decoy so that only a SetOpt
        // that really stores the object it is given can make the callbacks see the ledger again.
        var decoy = new object();
        easy.OpenSocketData = decoy;
        easy.SockOptData = decoy;
        easy.CloseSocketData = decoy;
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.OpenSocketData, ledger));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.SockOptData, ledger));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.CloseSocketData, ledger));
        new TransferCapture().Install(easy);
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Url, kestrel.BaseUrl + "/hello"));

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        easy.Dispose();

        // One open, one sockopt and one close, each of which checked that its clientp was the ledger itself.
        Assert.Single(ledger.Opens);
        Assert.Single(ledger.SockOpts);
        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();
    }
}
