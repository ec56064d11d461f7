using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>
/// The SSRF guard on real HTTP transfers to an in-process Kestrel on 127.0.0.1: refused before any socket is opened
/// (the open callback never hears of the address), let through by an allow-list entry, and judged on every route to
/// an address: redirects, Resolve, ConnectTo, the open callback's rewrite, odd IP spellings and a cached connection.
/// Every address here is on the loopback range, so a broken guard would still send nothing off this machine.
/// </summary>
public sealed class SsrfGuardHttpTests(KestrelFixture fixture) : IClassFixture<KestrelFixture>
{
    private KestrelTestServer Server => fixture.Server;
    private static readonly SsrfGuard OnlyFirstLoopback = SsrfGuard.CreateBuilder().Allow("127.0.0.1").Build();

    [Theory, InlineData(false), InlineData(true)]
    public async Task Default_refuses_a_loopback_server_without_opening_a_socket(bool async)
    {
        using var t = Guarded(Server.BaseUrl + "/hello", SsrfGuard.Default);
        int connectionsBefore = Server.ConnectionCount;

        Run.AssertCode(CurlCode.CouldntConnect, await Perform(t, async), t.Easy, t.Ledger);

        Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
        Assert.Equal(connectionsBefore, Server.ConnectionCount);
        Assert.Empty(t.Capture.Body);
        t.Easy.Dispose();
        t.Ledger.AssertBalanced();
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task An_allow_list_entry_lets_the_loopback_server_through(bool async)
    {
        using var t = Guarded(Server.BaseUrl + "/hello", OnlyFirstLoopback);
        Run.AssertOk(await Perform(t, async), t.Easy, t.Ledger);
        Assert.Equal("hello world\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Each_refusal_is_an_info_line_in_the_debug_trace()
    {
        using var t = Guarded(Server.BaseUrl + "/hello", SsrfGuard.Default);
        var trace = Trace(t.Easy);
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Contains($"SSRF guard refused 127.0.0.1 port {Server.Port} (loopback address)", trace.ToString());
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_redirect_from_an_allowed_server_to_a_denied_address_fails_on_that_hop(bool async)
    {
        var denied = $"http://127.0.0.2:{Server.Port}/hello";
        using var t = Guarded($"{Server.BaseUrl}/redirect/302?to={Uri.EscapeDataString(denied)}", OnlyFirstLoopback);
        t.Easy.FollowLocation = true;

        // curl reports the code of the hop that failed: it could not connect there.
        Run.AssertCode(CurlCode.CouldntConnect, await Perform(t, async), t.Easy, t.Ledger);

        Assert.Equal($"Connection to 127.0.0.2 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Capture.Body);
        // As curl 7.88 reports a hop it could not connect to: one redirect taken, the failing URL, the last response's code.
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(denied, t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(302, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        var open = Assert.Single(t.Ledger.OpenAttempts);   // the first hop only
        Assert.Equal("127.0.0.1", open.Address);
        t.Finish();
    }

    [Fact]
    public async Task A_name_that_Resolve_maps_to_loopback_is_refused()
    {
        using var t = Guarded($"http://internal.example:{Server.Port}/hello", SsrfGuard.Default);
        t.Easy.Resolve = [$"internal.example:{Server.Port}:127.0.0.1"];
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Fact]
    public async Task Of_several_resolved_addresses_the_denied_ones_are_skipped_and_an_allowed_one_is_used()
    {
        using var t = Guarded($"http://mixed.example:{Server.Port}/hello", OnlyFirstLoopback);
        t.Easy.Resolve = [$"mixed.example:{Server.Port}:127.0.0.2,127.0.0.1"];
        var trace = Trace(t.Easy);
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);
        Assert.Contains($"SSRF guard refused 127.0.0.2 port {Server.Port} (loopback address)", trace.ToString());
        Assert.Equal("127.0.0.1", Assert.Single(t.Ledger.OpenAttempts).Address);
        t.Finish();
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_name_the_system_resolver_maps_to_loopback_is_refused_on_every_address(bool async)
    {
        using var t = Guarded($"http://localhost:{Server.Port}/hello", SsrfGuard.Default);
        var trace = Trace(t.Easy);
        Run.AssertCode(CurlCode.CouldntConnect, await Perform(t, async), t.Easy, t.Ledger);
        Assert.Contains($"SSRF guard refused 127.0.0.1 port {Server.Port} (loopback address)", trace.ToString());
        Assert.EndsWith($"port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Fact]
    public async Task A_name_that_answers_differently_on_the_next_transfer_is_judged_again_there()
    {
        // DNS rebinding in miniature: the same name, allowed on the first lookup and internal on the next. The guard
        // judges each connection's own addresses, not a verdict remembered from an earlier look at the name.
        using var t = Guarded($"http://rebind.example:{Server.Port}/hello", OnlyFirstLoopback);
        t.Easy.Resolve = [$"rebind.example:{Server.Port}:127.0.0.1"];
        await t.PerformOk();
        t.Capture.Clear();
        t.Easy.Resolve = [$"-rebind.example:{Server.Port}", $"rebind.example:{Server.Port}:127.0.0.3"];
        t.Easy.FreshConnect = true;
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.3 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Capture.Body);
        Assert.Single(t.Ledger.OpenAttempts);
        t.Finish();
    }

    [Fact]
    public async Task A_ConnectTo_rule_pointing_at_a_denied_address_is_refused()
    {
        using var t = Guarded("http://public.example/hello", SsrfGuard.Default);
        t.Easy.ConnectTo = [$"public.example:80:127.0.0.1:{Server.Port}"];
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Ledger.OpenAttempts);
    }

    [Theory, InlineData(false, false), InlineData(true, false), InlineData(false, true), InlineData(true, true)]
    public async Task An_open_callback_rewriting_the_target_to_a_denied_address_is_refused_and_its_socket_closed_once(bool async, bool guarded)
    {
        // Allowed: 127.0.0.2 (where nothing listens). The callback sends the socket to the real server on 127.0.0.1.
        using var t = new TestTransfer($"http://127.0.0.2:{Server.Port}/hello");
        if (guarded) t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().Allow("127.0.0.2").Build();
        t.Ledger.OnOpen = address =>
        {
            address.Address = new IPEndPoint(IPAddress.Loopback, Server.Port);
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };

        var code = await Perform(t, async);

        if (!guarded)
        {
            // Without the guard the rewrite reaches the server: the set-up works, so the refusal below is the guard's.
            Run.AssertOk(code, t.Easy, t.Ledger);
            Assert.Equal("hello world\n", t.Capture.Text);
        }
        else
        {
            Run.AssertCode(CurlCode.CouldntConnect, code, t.Easy, t.Ledger);
            Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
            Assert.Single(t.Ledger.Opens);
            Assert.Single(t.Ledger.Closes);
            Assert.Empty(t.Ledger.SockOpts);   // never configured, never connected
        }
        t.Finish();
    }

    [Fact]
    public async Task A_socket_the_sockopt_callback_connected_elsewhere_is_judged_by_its_real_peer()
    {
        using var t = new TestTransfer($"http://127.0.0.2:{Server.Port}/hello");
        t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().Allow("127.0.0.2").Build();
        t.Ledger.OnSockOpt = (socket, _) =>
        {
            socket.Connect(new IPEndPoint(IPAddress.Loopback, Server.Port));
            return SockOptResult.AlreadyConnected;
        };
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
        Assert.Empty(t.Capture.Body);
        Assert.Single(t.Ledger.Closes);
        t.Finish();
    }

    [Theory]
    [InlineData("2130706433", "127.0.0.1", "loopback address")]
    [InlineData("0x7f.1", "127.0.0.1", "loopback address")]
    [InlineData("0x7f000001", "127.0.0.1", "loopback address")]
    [InlineData("017700000001", "127.0.0.1", "loopback address")]
    [InlineData("127.1", "127.0.0.1", "loopback address")]
    [InlineData("0", "0.0.0.0", "unspecified address")]
    [InlineData("[::ffff:127.0.0.1]", "::ffff:127.0.0.1", "loopback address")]
    [InlineData("[::ffff:7f00:1]", "::ffff:127.0.0.1", "loopback address")]
    [InlineData("[::1]", "::1", "loopback address")]
    [InlineData("[0:0:0:0:0:0:0:1]", "::1", "loopback address")]
    [InlineData("[fe80::1%25lo]", "fe80::1%1", "link-local address")]
    public async Task Odd_spellings_of_internal_addresses_are_refused(string host, string shown, string reason)
    {
        int port = Run.ClosedPort();
        using var t = Guarded($"http://{host}:{port}/", SsrfGuard.Default);
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Empty(t.Ledger.OpenAttempts);
        Assert.StartsWith($"Connection to {shown.Split('%')[0]}", t.Easy.ErrorMessage);
        Assert.EndsWith($"port {port} refused by the SSRF guard ({reason})", t.Easy.ErrorMessage);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_connection_cached_before_the_guard_was_set_is_not_reused_under_it(bool async)
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello");
        Run.AssertOk(await Perform(t, async), t.Easy, t.Ledger);
        t.Capture.Clear();
        t.Easy.SsrfGuard = SsrfGuard.Default;

        Run.AssertCode(CurlCode.CouldntConnect, await Perform(t, async), t.Easy, t.Ledger);
        Assert.Empty(t.Capture.Body);

        t.Easy.SsrfGuard = null;   // and off again: the first connection is still cached and fit
        Run.AssertOk(await Perform(t, async), t.Easy, t.Ledger);
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    [Fact]
    public async Task A_port_list_refuses_a_server_on_another_port()
    {
        using var t = Guarded(Server.BaseUrl + "/hello", SsrfGuard.CreateBuilder().AllowLoopback().AllowPorts(80, 443).Build());
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal($"Connection to 127.0.0.1 port {Server.Port} refused by the SSRF guard (port not allowed)", t.Easy.ErrorMessage);
    }

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_unix_socket_is_refused_unless_the_guard_allows_unix_sockets(bool allow)
    {
        var path = Path.Combine(Path.GetTempPath(), $"curlew-ssrf-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen();
        using var stop = new CancellationTokenSource();
        var serve = Task.Run(async () =>
        {
            using var peer = await listener.AcceptAsync(stop.Token);
            await FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nunix!")(peer, CancellationToken.None);
        });
        try
        {
            using var t = Guarded("http://localhost/anything", allow ? SsrfGuard.CreateBuilder().AllowUnixSockets().Build() : SsrfGuard.Default);
            t.Easy.UnixSocketPath = path;
            var code = await t.Perform();
            if (allow)
            {
                Run.AssertOk(code, t.Easy, t.Ledger);
                Assert.Equal("unix!", t.Capture.Text);
                t.Finish();
            }
            else
            {
                Run.AssertCode(CurlCode.CouldntConnect, code, t.Easy, t.Ledger);
                Assert.Equal($"Connection to {path} refused by the SSRF guard (Unix domain socket)", t.Easy.ErrorMessage);
                Assert.Empty(t.Ledger.OpenAttempts);
            }
        }
        finally
        {
            await stop.CancelAsync();
            try { await serve.WaitAsync(TimeSpan.FromSeconds(10)); } catch (OperationCanceledException) { }
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Reset_turns_the_guard_off_again()
    {
        using var t = Guarded(Server.BaseUrl + "/hello", SsrfGuard.Default);
        t.Easy.Reset();
        Assert.Null(t.Easy.SsrfGuard);
        t.Easy.Url = Server.BaseUrl + "/hello";
        t.Ledger.Install(t.Easy);
        t.Capture.Install(t.Easy);
        await t.PerformOk();
        t.Finish();
    }

    [Fact]
    public async Task One_guard_shared_by_handles_running_at_once_judges_each_alike()
    {
        var transfers = Enumerable.Range(0, 16)
            .Select(i => Guarded($"http://127.0.0.{1 + i % 2}:{Server.Port}/hello", OnlyFirstLoopback)).ToList();
        try
        {
            var codes = await Task.WhenAll(transfers.Select((t, i) => i % 4 < 2 ? Perform(t, async: true) : Perform(t, async: false)));
            for (int i = 0; i < transfers.Count; i++)
            {
                var expected = i % 2 == 0 ? CurlCode.Ok : CurlCode.CouldntConnect;
                Run.AssertCode(expected, codes[i], transfers[i].Easy, transfers[i].Ledger);
                Assert.Equal(i % 2 == 0 ? "hello world\n" : "", transfers[i].Capture.Text);
            }
        }
        finally
        {
            foreach (var t in transfers)
            {
                t.Easy.Dispose();
                t.Ledger.AssertBalanced();
            }
        }
    }

    private static TestTransfer Guarded(string url, SsrfGuard guard)
    {
        var t = new TestTransfer(url);
        t.Easy.SsrfGuard = guard;
        return t;
    }

    private static Task<CurlCode> Perform(TestTransfer t, bool async) =>
        async ? t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger) : t.Perform();

    private static StringBuilder Trace(CurlEasy easy)
    {
        var text = new StringBuilder();
        easy.Verbose = true;   // as in libcurl, the debug callback hears nothing without it
        easy.DebugFunction = (type, data, _) =>
        {
            if (type == CurlInfoType.Text) lock (text) text.Append(Encoding.UTF8.GetString(data));
            return 0;
        };
        return text;
    }
}
