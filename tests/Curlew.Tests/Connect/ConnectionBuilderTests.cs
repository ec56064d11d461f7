using System.Diagnostics;
using Curlew.Connect;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>The builder stacks layers on the socket bottom-up and runs every handshake under one connect deadline.</summary>
public sealed class ConnectionBuilderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_handshake_that_stalls_times_out_under_ConnectTimeoutMs_with_curls_wording_and_the_socket_closed_once(bool synchronous)
    {
        await using var peer = FaultServer.Start(HandshakePeer.Stalls);
        var rig = new ConnectRig();
        var log = new List<string>();
        var settings = ConnectRig.Settings(o => o.ConnectTimeoutMs = 400);
        var builder = new ConnectionBuilder(settings, rig.Factory, [TestLayer.On("a", log)]);
        using var io = ConnectRig.Io(synchronous);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CurlException>(async () =>
            await builder.BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics()));
        clock.Stop();

        Assert.True(error.Code == CurlCode.OperationTimedout, $"expected 28, got {error.Code}: {error.Message}");
        Assert.StartsWith("Connection timed out after ", error.Message);
        Assert.True(clock.ElapsedMilliseconds is >= 350 and < 10_000, $"a 400 ms connect timeout over the handshake took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(["a.connect", "a.close"], log);
        Assert.Equal(TransferPhase.Transferring, io.Phase);
        rig.AssertBalanced();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_transfer_TimeoutMs_bounds_a_handshake_too_when_it_comes_before_the_connect_timeout(bool synchronous)
    {
        await using var peer = FaultServer.Start(HandshakePeer.Stalls);
        var rig = new ConnectRig();
        var log = new List<string>();
        var settings = ConnectRig.Settings();   // ConnectTimeoutMs 0: libcurl's 300 s
        var builder = new ConnectionBuilder(settings, rig.Factory, [TestLayer.On("a", log)]);
        using var io = ConnectRig.Io(synchronous, timeoutMs: 400);

        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CurlException>(async () =>
            await builder.BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics()));

        Assert.True(error.Code == CurlCode.OperationTimedout, $"expected 28, got {error.Code}: {error.Message}");
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"a 400 ms transfer timeout took {clock.ElapsedMilliseconds} ms");
        rig.AssertBalanced();
    }

    [Fact]
    public void A_ConnectTimeoutMs_of_0_means_libcurls_300_seconds()
    {
        Assert.Equal(300_000, ConnectDeadline.Budget(0));
        Assert.Equal(1234, ConnectDeadline.Budget(1234));
        Assert.Equal(int.MaxValue, ConnectDeadline.Budget(5_000_000_000));   // what timers can take
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Layers_are_stacked_bottom_up_each_handshake_runs_in_order_and_close_shuts_down_before_closing(bool synchronous)
    {
        await using var peer = FaultServer.Start(HandshakePeer.Answers(2));
        var rig = new ConnectRig();
        var log = new List<string>();
        var settings = ConnectRig.Settings();
        var builder = new ConnectionBuilder(settings, rig.Factory, [TestLayer.On("lower", log), TestLayer.On("upper", log)]);
        using var io = ConnectRig.Io(synchronous, timeoutMs: 10_000);

        var connection = await builder.BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics());

        Assert.Equal(["lower.connect", "upper.connect"], log);
        Assert.IsType<TestLayer>(connection.Top);
        Assert.Equal("alpn-from-upper", connection.Query(FilterQuery.Alpn));
        Assert.Null(connection.Query(FilterQuery.TlsCipher));   // nobody knows it: the socket answers null
        Assert.Single(rig.Callbacks.Opens);
        connection.Close();
        connection.Close();
        Assert.Equal(["lower.connect", "upper.connect", "upper.shutdown", "lower.shutdown", "upper.close", "lower.close"], log);
        Assert.Single(rig.Callbacks.Closes);
        rig.AssertBalanced();
    }

    [Fact]
    public async Task Data_held_by_a_layer_counts_as_readable_and_makes_an_idle_connection_unfit_for_reuse()
    {
        await using var peer = FaultServer.Start(HandshakePeer.Answers(1));
        var rig = new ConnectRig();
        var log = new List<string>();
        TestLayer? layer = null;
        var settings = ConnectRig.Settings();
        var builder = new ConnectionBuilder(settings, rig.Factory, [TestLayer.On("tls", log, made => layer = made)]);
        using var io = ConnectRig.Io(synchronous: false, timeoutMs: 10_000);
        var connection = await builder.BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics());

        Assert.True(connection.IsAliveForReuse(), "a quiet idle connection with nothing pending should be reusable");
        Assert.False(await connection.Top.WaitReadableAsync(50, io), "the peer sent nothing, so nothing is readable yet");
        layer!.Pending = true;
        Assert.True(connection.DataPending);
        Assert.False(connection.IsAliveForReuse(), "bytes held above the socket must keep the connection out of reuse");
        Assert.True(await connection.Top.WaitReadableAsync(5_000, io), "pending bytes must count as readable at once");

        connection.Close();
        rig.AssertBalanced();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_failed_handshake_keeps_its_error_and_closes_the_whole_chain_once(bool synchronous)
    {
        await using var peer = FaultServer.Start(HandshakePeer.HangsUp);
        var rig = new ConnectRig();
        var log = new List<string>();
        var settings = ConnectRig.Settings();
        var builder = new ConnectionBuilder(settings, rig.Factory, [TestLayer.On("proxy", log)]);
        using var io = ConnectRig.Io(synchronous, timeoutMs: 10_000);

        var error = await Assert.ThrowsAsync<CurlException>(async () =>
            await builder.BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics()));

        Assert.True(error.Code == CurlCode.RecvError, $"expected the layer's RecvError, got {error.Code}: {error.Message}");
        Assert.Equal(["proxy.connect", "proxy.close"], log);
        Assert.Single(rig.Callbacks.Closes);
        rig.AssertBalanced();
    }

    [Fact]
    public async Task A_route_that_needs_a_layer_not_built_yet_is_refused_before_any_socket_is_opened()
    {
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings(o => o.Proxy = "socks4://proxy.test:1080");
        var builder = new ConnectionBuilder(settings, rig.Factory);
        using var io = ConnectRig.Io(synchronous: false);

        var proxied = await Assert.ThrowsAsync<CurlException>(async () =>
            await builder.BuildAsync(rig.Route("http://origin.test/", settings), io, new ConnectMetrics()));

        Assert.Equal(CurlCode.NotBuiltIn, proxied.Code);
        Assert.Contains("Curlew", proxied.Message);
        Assert.Empty(rig.Callbacks.OpenAttempts);
    }
}
