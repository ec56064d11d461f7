using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// Second, uncached connections (what FTP passive data uses): through the same socket callbacks and layers as the
/// control connection, under a connect deadline, closed once, and never pooled.
/// </summary>
public sealed class DataConnectionTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_data_connection_goes_through_the_socket_callbacks_carries_bytes_and_never_enters_the_pool(bool synchronous)
    {
        await using var control = FaultServer.Start(HandshakePeer.Answers(0));
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var dataEnd = (IPEndPoint)listener.LocalEndpoint;
        var rig = new ConnectRig();
        var provider = rig.Provider(ConnectRig.Settings());
        using var io = ConnectRig.Io(synchronous, timeoutMs: 10_000);
        var controlConnection = await provider.AcquireAsync(Curlew.Url.CurlUrl.Parse(control.BaseUrl + "/"), io, fresh: false);

        var accepting = listener.AcceptSocketAsync();
        var data = await provider.OpenDataConnectionAsync(dataEnd, controlConnection, io);
        using var server = await accepting.WaitAsync(TimeSpan.FromSeconds(10));
        await data.Top.SendAsync("STOR-ish"u8.ToArray(), io);
        var got = new byte[8];
        int n = 0;
        while (n < got.Length) n += await server.ReceiveAsync(got.AsMemory(n), SocketFlags.None);
        await server.SendAsync("ok"u8.ToArray(), SocketFlags.None);
        var back = new byte[2];
        int m = 0;
        while (m < back.Length) m += await data.Top.ReceiveAsync(back.AsMemory(m), io);

        Assert.Equal("STOR-ish", System.Text.Encoding.ASCII.GetString(got));
        Assert.Equal("ok", System.Text.Encoding.ASCII.GetString(back));
        var opens = rig.Callbacks.Opens;
        Assert.Equal(2, opens.Count);
        Assert.Equal((CurlSockType.IpCxn, "127.0.0.1", dataEnd.Port), (opens[1].Purpose, opens[1].Address, opens[1].Port));
        Assert.Equal(2, rig.Callbacks.SockOpts.Count);
        Assert.Equal(dataEnd, data.Remote);
        Assert.Equal(2, provider.NewConnections);   // libcurl 7.88.1 counts it too (the FTP differential: NumConnects 2 for one passive download)
        Assert.Equal(TransferPhase.Transferring, io.Phase);

        data.Close();
        await provider.ReleaseAsync(controlConnection, reusable: true, io);
        Assert.Equal(1, rig.Pool.IdleCount);
        Assert.Same(controlConnection, rig.Pool.TryTake(controlConnection.Route));
        controlConnection.Close();
        Assert.Equal(2, rig.Callbacks.Closes.Count);
        rig.AssertBalanced();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_data_connection_that_cannot_connect_in_time_gives_28_and_its_socket_is_closed_once(bool synchronous)
    {
        await using var control = FaultServer.Start(HandshakePeer.Answers(0));
        using var hole = new BlackholeListener();
        var rig = new ConnectRig();
        var provider = rig.Provider(ConnectRig.Settings(o => o.ConnectTimeoutMs = 300));
        using var io = ConnectRig.Io(synchronous, timeoutMs: 20_000);
        var controlConnection = await provider.AcquireAsync(Curlew.Url.CurlUrl.Parse(control.BaseUrl + "/"), io, fresh: false);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<CurlException>(async () =>
            await provider.OpenDataConnectionAsync(new IPEndPoint(IPAddress.Loopback, hole.Port), controlConnection, io));

        Assert.True(error.Code == CurlCode.OperationTimedout, $"expected 28, got {error.Code}: {error.Message}");
        Assert.True(clock.ElapsedMilliseconds < 10_000, $"a 300 ms connect timeout took {clock.ElapsedMilliseconds} ms");
        Assert.Equal(TransferPhase.Transferring, io.Phase);
        Assert.False(io.DeadlinePassed, "the connect deadline must end with the data connection attempt");
        controlConnection.Close();
        rig.AssertBalanced();
    }

    [Fact]
    public async Task A_refused_data_connection_gives_CouldntConnect_and_closes_its_socket_once()
    {
        await using var control = FaultServer.Start(HandshakePeer.Answers(0));
        var rig = new ConnectRig();
        var provider = rig.Provider(ConnectRig.Settings());
        using var io = ConnectRig.Io(synchronous: false, timeoutMs: 10_000);
        var controlConnection = await provider.AcquireAsync(Curlew.Url.CurlUrl.Parse(control.BaseUrl + "/"), io, fresh: false);

        var error = await Assert.ThrowsAsync<CurlException>(async () =>
            await provider.OpenDataConnectionAsync(new IPEndPoint(IPAddress.Loopback, Run.ClosedPort()), controlConnection, io));

        Assert.True(error.Code == CurlCode.CouldntConnect, $"expected 7, got {error.Code}: {error.Message}");
        Assert.Equal(2, rig.Callbacks.Opens.Count);
        controlConnection.Close();
        rig.AssertBalanced();
    }
}
