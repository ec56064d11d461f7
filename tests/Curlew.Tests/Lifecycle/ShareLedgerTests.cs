using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>
/// Sockets of connections that live in a <see cref="CurlShare"/>'s pool: each one is closed exactly once, by the close
/// callback of the handle that opened it, whichever handle or share ends first (API.md rules 5 and 7).
/// </summary>
[Collection("nginx")]
public sealed class ShareLedgerTests(NginxFixture nginx)
{
    private string Url => nginx.Server.BaseUrl + "/small.txt";

    private static CurlShare ConnectShare()
    {
        var share = new CurlShare();
        Assert.Equal(CurlShCode.Ok, share.Share(CurlLockData.Connect));
        return share;
    }

    private (CurlEasy Easy, CallbackLedger Ledger) Handle(CurlShare? share, string? url = null)
    {
        var easy = new CurlEasy { Url = url ?? Url, Share = share, WriteFunction = (data, _) => data.Length };
        return (easy, new CallbackLedger().Install(easy));
    }

    private static async Task PerformOk(CurlEasy easy, CallbackLedger ledger, long numConnects)
    {
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal(numConnects, easy.GetInfoLong(CurlInfo.NumConnects));
    }

    [Fact]
    public async Task A_connection_made_by_one_handle_serves_the_other_and_closes_through_the_openers_callback_when_the_share_ends_last()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        var (b, lb) = Handle(share);

        await PerformOk(a, la, 1);
        await PerformOk(b, lb, 0);
        await PerformOk(a, la, 0);

        Assert.Single(la.Opens);
        Assert.Empty(lb.OpenAttempts);   // rule 7: reuse by another handle calls neither callback
        a.Dispose();
        b.Dispose();
        Assert.Empty(la.Closes);         // the share keeps it, as libcurl's share does
        Assert.Equal(1, share.IdleConnections);
        share.Dispose();
        Assert.Single(la.Closes);
        la.AssertBalanced();
        lb.AssertBalanced();
        Assert.Empty(lb.Closes);
    }

    [Fact]
    public async Task Disposing_the_share_while_handles_are_attached_closes_its_connections_when_the_last_handle_lets_go()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        var (b, lb) = Handle(share);
        await PerformOk(a, la, 1);

        share.Dispose();
        Assert.Equal(CurlShCode.Invalid, share.Share(CurlLockData.Dns));
        await PerformOk(b, lb, 0);       // the attached handles keep using it
        a.Dispose();
        Assert.Empty(la.Closes);
        b.Dispose();                     // the last one out closes the pool

        Assert.Single(la.Closes);
        la.AssertBalanced();
        Assert.Equal(0, share.IdleConnections);
    }

    [Fact]
    public async Task Cleanup_refuses_while_attached_and_closes_the_pool_once_the_handles_are_detached()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        await PerformOk(a, la, 1);

        Assert.Equal(CurlShCode.InUse, share.Cleanup());
        a.Share = null;
        Assert.Equal(0, share.AttachedHandles);
        Assert.Empty(la.Closes);
        Assert.Equal(CurlShCode.Ok, share.Cleanup());
        Assert.Single(la.Closes);
        Assert.Equal(CurlShCode.Invalid, share.Cleanup());
        a.Dispose();
        la.AssertBalanced();
    }

    [Fact]
    public async Task Eviction_beyond_MaxConnects_closes_another_handles_connection_through_that_handles_callback()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share, nginx.Server.BaseUrl + "/small.txt");
        var (b, lb) = Handle(share, $"http://localhost:{nginx.Server.Port}/small.txt");   // another route to the same server
        a.MaxConnects = 1;
        b.MaxConnects = 1;

        await PerformOk(a, la, 1);
        await PerformOk(b, lb, 1);       // B's return pushes A's connection out

        Assert.Single(la.Closes);
        Assert.Empty(lb.Closes);
        la.AssertBalanced();
        a.Dispose();
        b.Dispose();
        share.Dispose();
        Assert.Single(lb.Closes);
        lb.AssertBalanced();
    }

    [Fact]
    public async Task A_connection_idle_longer_than_MaxAgeConn_is_closed_once_by_its_opener_and_replaced()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        var (b, lb) = Handle(share);
        b.MaxAgeConn = 0;   // idle for one whole second is too long
        await PerformOk(a, la, 1);

        await Task.Delay(1100);   // the idle time under test
        await PerformOk(b, lb, 1);

        Assert.Single(la.Closes);
        la.AssertBalanced();
        Assert.Single(lb.Opens);
        a.Dispose();
        b.Dispose();
        share.Dispose();
        lb.AssertBalanced();
    }

    [Fact]
    public async Task Unsharing_CONNECT_after_the_handles_left_closes_what_they_left_in_the_pool()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        await PerformOk(a, la, 1);
        a.Share = null;

        Assert.Equal(CurlShCode.Ok, share.Unshare(CurlLockData.Connect));

        Assert.Single(la.Closes);
        la.AssertBalanced();
        Assert.False(share.IsShared(CurlLockData.Connect));
        a.Dispose();
        share.Dispose();
    }

    [Fact]
    public async Task A_handle_disposed_during_a_shared_transfer_leaves_the_connection_to_the_share_and_nothing_closes_twice()
    {
        var share = ConnectShare();
        var (a, la) = Handle(share);
        a.WriteFunction = (data, _) =>
        {
            a.Dispose();   // from inside the transfer: the handle goes away, its transfer finishes
            return data.Length;
        };
        Run.AssertOk(await a.PerformGuarded(la), a, la);

        Assert.Equal(0, share.AttachedHandles);
        Assert.Equal(1, share.IdleConnections);
        share.Dispose();
        Assert.Single(la.Closes);
        la.AssertBalanced();
    }
}
