using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using static Curlew.Tests.Multi.MultiTestKit;

namespace Curlew.Tests.Multi;

/// <summary>
/// Sockets of transfers run by a <see cref="CurlMulti"/>: whatever ends them (removal mid-body, the multi's end, the
/// handle's own Dispose, eviction), each socket reaches its opener's close callback exactly once (API.md rule 5), and
/// connections outlive the handles that opened them in the multi's cache (rule 7).
/// </summary>
[Collection("nginx")]
public sealed class MultiLedgerTests(NginxFixture nginx) : IDisposable
{
    private readonly StallServer _stall = new();

    private string Small => nginx.Server.BaseUrl + "/small.txt";

    public void Dispose() => _stall.Dispose();

    [Fact]
    public void Removing_a_handle_mid_body_aborts_it_closes_its_socket_once_and_gives_no_DONE_message()
    {
        using var multi = new CurlMulti();
        var (easy, ledger, firstBytes) = Handle(_stall.Url);
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));
        DriveUntil(multi, firstBytes);
        Assert.Empty(ledger.Closes);

        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(easy));

        Assert.Single(ledger.Opens);
        Assert.Single(ledger.Closes);   // by the time RemoveHandle returns
        ledger.AssertBalanced();
        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        Assert.Equal(0, running);
        Assert.Null(multi.InfoRead(out _));
        Assert.Equal(0, multi.OpenConnections);
        Assert.Contains("multi", easy.ErrorMessage);
        easy.Dispose();
    }

    [Fact]
    public void Disposing_the_multi_with_running_transfers_aborts_them_and_closes_every_socket_once()
    {
        var multi = new CurlMulti();
        var stalled = Enumerable.Range(0, 3).Select(_ => Handle(_stall.Url)).ToList();
        var done = Enumerable.Range(0, 2).Select(_ => Handle(Small)).ToList();
        foreach (var h in stalled.Concat(done)) Assert.Equal(CurlMCode.Ok, multi.AddHandle(h.Easy));
        var messages = Drive(multi, _ => stalled.All(h => h.FirstBytes.IsCompleted) && done.All(h => h.FirstBytes.IsCompleted));
        Drive(multi, running => running == stalled.Count);   // the nginx ones finished: their connections are idle in the cache

        multi.Dispose();

        foreach (var (easy, ledger, _) in stalled.Concat(done))
        {
            Assert.Single(ledger.Opens);
            Assert.Single(ledger.Closes);
            ledger.AssertBalanced();
            using (var again = new CurlMulti())   // taken out: free to join another multi
            {
                Assert.Equal(CurlMCode.Ok, again.AddHandle(easy));
                Assert.Equal(CurlMCode.Ok, again.RemoveHandle(easy));
            }
            easy.Dispose();
        }
        Assert.Equal(CurlMCode.BadHandle, multi.Perform(out _));
        Assert.Equal(CurlMCode.BadHandle, multi.Cleanup());
        Assert.All(messages, m => Assert.Contains(done, h => ReferenceEquals(h.Easy, m.Easy)));
    }

    [Fact]
    public void A_connection_stays_with_the_multi_after_RemoveHandle_serves_the_next_handle_and_closes_once_on_Dispose()
    {
        var multi = new CurlMulti();
        var (a, la, _) = Handle(Small);
        var (b, lb, _) = Handle(Small);
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(a));
        var first = DriveToEnd(multi);
        Assert.Equal(CurlCode.Ok, Assert.Single(first).Result);
        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(a));
        a.Dispose();                       // the connection it opened lives on in the multi
        Assert.Empty(la.Closes);

        Assert.Equal(CurlMCode.Ok, multi.AddHandle(b));
        var second = DriveToEnd(multi);

        Assert.Equal(CurlCode.Ok, Assert.Single(second).Result);
        Assert.Equal(0L, b.GetInfoLong(CurlInfo.NumConnects));
        Assert.Empty(lb.OpenAttempts);     // rule 7: reuse calls neither callback
        Assert.Equal(1, multi.OpenConnections);
        multi.Dispose();
        Assert.Single(la.Closes);          // through the opener's callback, after the opener was disposed
        la.AssertBalanced();
        Assert.Empty(lb.Closes);
        b.Dispose();
    }

    [Fact]
    public void Disposing_an_easy_handle_while_its_transfer_runs_in_a_multi_takes_it_out_and_closes_its_socket_once()
    {
        using var multi = new CurlMulti();
        var (easy, ledger, firstBytes) = Handle(_stall.Url);
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));
        DriveUntil(multi, firstBytes);

        easy.Dispose();

        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();
        Assert.Equal(0, multi.HandleCount);
        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(easy));   // in no multi any more: fine, as libcurl says
    }

    [Fact]
    public void Max_host_connections_2_runs_eight_transfers_over_two_connections()
    {
        using var multi = new CurlMulti { MaxHostConnections = 2 };
        var handles = Enumerable.Range(0, 8).Select(_ => Handle(Small)).ToList();
        foreach (var h in handles) Assert.Equal(CurlMCode.Ok, multi.AddHandle(h.Easy));

        var messages = DriveToEnd(multi);

        Assert.Equal(8, messages.Count);
        Assert.All(messages, m => Assert.Equal(CurlCode.Ok, m.Result));
        Assert.Equal(2, handles.Sum(h => h.Ledger.Opens.Count));
        Assert.Equal(2L, handles.Sum(h => h.Easy.GetInfoLong(CurlInfo.NumConnects)));
        multi.Dispose();
        foreach (var h in handles) h.Ledger.AssertBalanced();
    }

    [Fact]
    public void A_transfer_pending_on_the_host_limit_times_out_with_its_TimeoutMs()
    {
        using var multi = new CurlMulti { MaxHostConnections = 1 };
        var (holder, holderLedger, firstBytes) = Handle(_stall.Url);
        var (waiter, waiterLedger, _) = Handle(_stall.Url);
        waiter.TimeoutMs = 500;
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(holder));
        DriveUntil(multi, firstBytes);
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(waiter));

        var messages = Drive(multi, running => running == 1);

        var done = Assert.Single(messages);
        Assert.Same(waiter, done.Easy);
        Run.AssertCode(CurlCode.OperationTimedout, done.Result, waiter, waiterLedger);
        Assert.Empty(waiterLedger.OpenAttempts);   // it never got room for a connection
        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(holder));
        holderLedger.AssertBalanced();
        holder.Dispose();
        waiter.Dispose();
    }

    [Fact]
    public void A_callback_calling_into_its_own_multi_gets_RecursiveApiCall_and_no_message()
    {
        using var multi = new CurlMulti();
        var other = new CurlEasy { Url = Small };
        var codes = new List<string>();
        var easy = new CurlEasy { Url = Small };
        easy.WriteFunction = (data, _) =>
        {
            if (codes.Count == 0)
            {
                codes.Add($"perform {multi.Perform(out int _)}");
                codes.Add($"add {multi.AddHandle(other)}");
                codes.Add($"remove {multi.RemoveHandle(easy)}");
                codes.Add($"poll {multi.Poll(10, out int _)}");
                codes.Add($"setopt {multi.SetOpt(CurlMOption.MaxConnects, 1)}");
                codes.Add($"cleanup {multi.Cleanup()}");
                codes.Add($"inforead {(multi.InfoRead(out int _) is null ? "null" : "a message")}");
                codes.Add($"wakeup {multi.Wakeup()}");
            }
            return data.Length;
        };
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));

        var messages = DriveToEnd(multi);

        Assert.Equal(CurlCode.Ok, Assert.Single(messages).Result);
        Assert.Equal(["perform RecursiveApiCall", "add RecursiveApiCall", "remove RecursiveApiCall", "poll RecursiveApiCall",
            "setopt RecursiveApiCall", "cleanup RecursiveApiCall", "inforead null", "wakeup Ok"], codes);
        Assert.Null(other.Owner);
        other.Dispose();
        easy.Dispose();
    }

    [Fact]
    public async Task Disposing_the_multi_from_a_callback_returns_and_the_transfer_lets_go_of_its_socket_once()
    {
        var multi = new CurlMulti();
        var disposedInside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var (easy, ledger, _) = Handle(_stall.Url, () =>
        {
            multi.Dispose();
            disposedInside.TrySetResult();
            return 1;   // refuse the chunk: either way the transfer must end
        });
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));
        Assert.Equal(CurlMCode.Ok, multi.Perform(out _));

        await disposedInside.Task.WaitAsync(Run.HangLimit);
        Assert.True(SpinWait.SpinUntil(() => ledger.OpenCount == 0 && ledger.Opens.Count == 1, Run.HangLimit), ledger.Describe());
        ledger.AssertBalanced();
        Assert.Equal(CurlMCode.BadHandle, multi.Perform(out _));
        Assert.Null(easy.Owner);
        easy.Dispose();
    }

    [Fact]
    public async Task A_handle_running_its_own_PerformAsync_cannot_be_added()
    {
        using var multi = new CurlMulti();
        var (easy, ledger, firstBytes) = Handle(_stall.Url);
        using var cancel = new CancellationTokenSource();
        var own = easy.PerformAsync(cancel.Token);
        await firstBytes.WaitAsync(Run.HangLimit);

        Assert.Equal(CurlMCode.AddedAlready, multi.AddHandle(easy));

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => own.WaitAsync(Run.HangLimit));
        Assert.Equal(0, multi.HandleCount);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public void Disposing_the_multi_ends_a_transfer_pending_on_the_host_limit_too_without_a_socket()
    {
        var multi = new CurlMulti { MaxHostConnections = 1 };
        var (holder, holderLedger, firstBytes) = Handle(_stall.Url);
        var (pending, pendingLedger, _) = Handle(_stall.Url);
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(holder));
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(pending));
        DriveUntil(multi, firstBytes);
        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        Assert.Equal(2, running);   // the pending one counts as running, as in libcurl

        multi.Dispose();

        Assert.Single(holderLedger.Closes);
        holderLedger.AssertBalanced();
        Assert.Empty(pendingLedger.OpenAttempts);
        Assert.Null(pending.Owner);
        holder.Dispose();
        pending.Dispose();
    }
}
