using Curlew.Connect;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>The pool hands a connection only to its own route, counts what is idle, and closes every socket once.</summary>
public sealed class ConnectionPoolTests
{
    [Fact]
    public async Task A_pooled_connection_is_handed_only_to_a_transfer_of_its_own_route()
    {
        await using var peer = FaultServer.Start(HandshakePeer.Answers(0));
        var rig = new ConnectRig();
        var plain = ConnectRig.Settings();
        var moved = ConnectRig.Settings(o => o.ConnectTo = [$"other.test:{peer.Port}:127.0.0.1:{peer.Port}"]);
        using var io = ConnectRig.Io(synchronous: false, timeoutMs: 10_000);
        var direct = await rig.Provider(plain).AcquireAsync(Url(peer), io, fresh: false);
        var viaConnectTo = await rig.Provider(moved).AcquireAsync(Url(peer, "other.test"), io, fresh: false);
        await rig.Provider(plain).ReleaseAsync(direct, reusable: true, io);
        await rig.Provider(moved).ReleaseAsync(viaConnectTo, reusable: true, io);

        Assert.Equal(2, rig.Pool.IdleCount);
        Assert.Equal(1, rig.Pool.IdleCountFor(direct.Route));
        Assert.Null(rig.Pool.TryTake(rig.Route($"http://other.test:{peer.Port}/", plain)));   // same origin, not sent to 127.0.0.1
        Assert.Same(viaConnectTo, rig.Pool.TryTake(viaConnectTo.Route));
        Assert.Same(direct, rig.Pool.TryTake(rig.Route($"http://127.0.0.1:{peer.Port}/x", plain)));
        Assert.Equal(0, rig.Pool.IdleCount);

        direct.Close();
        viaConnectTo.Close();
        rig.AssertBalanced();
    }

    [Fact]
    public async Task Beyond_MaxConnects_the_longest_idle_connection_is_evicted_and_closed_once()
    {
        await using var peer = FaultServer.Start(HandshakePeer.Answers(0));
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings(o => o.MaxConnects = 1);
        using var io = ConnectRig.Io(synchronous: true, timeoutMs: 10_000);
        var provider = rig.Provider(settings);
        var older = await provider.AcquireAsync(Url(peer), io, fresh: true);
        var newer = await provider.AcquireAsync(Url(peer), io, fresh: true);

        await provider.ReleaseAsync(older, reusable: true, io);
        await provider.ReleaseAsync(newer, reusable: true, io);

        Assert.Equal(1, rig.Pool.IdleCount);
        Assert.Equal(1, rig.Pool.Evicted);
        Assert.True(older.IsClosed, "the longest idle connection should have been evicted");
        Assert.Single(rig.Callbacks.Closes);
        rig.Pool.CloseAll();
        rig.AssertBalanced();
    }

    [Fact]
    public async Task An_idle_connection_the_peer_closed_is_found_dead_closed_once_and_replaced()
    {
        var hungUp = new TaskCompletionSource();
        await using var peer = FaultServer.Start(async (socket, ct) =>
        {
            socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);   // FIN at once: the idle connection dies
            hungUp.TrySetResult();
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings();
        using var io = ConnectRig.Io(synchronous: false, timeoutMs: 10_000);
        var provider = rig.Provider(settings);
        var first = await provider.AcquireAsync(Url(peer), io, fresh: false);
        await provider.ReleaseAsync(first, reusable: true, io);
        await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await first.Top.WaitReadableAsync(10_000, io), "the FIN never arrived");

        var second = await provider.AcquireAsync(Url(peer), io, fresh: false);

        Assert.NotSame(first, second);
        Assert.True(first.IsClosed);
        Assert.Equal(1, rig.Pool.FoundDead);
        Assert.Equal(2, provider.NewConnections);
        second.Close();
        rig.AssertBalanced();
    }

    private static Curlew.Url.CurlUrl Url(FaultServer peer, string host = "127.0.0.1") => Curlew.Url.CurlUrl.Parse($"http://{host}:{peer.Port}/");
}
