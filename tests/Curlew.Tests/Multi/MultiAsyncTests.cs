using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using static Curlew.Tests.Multi.MultiTestKit;

namespace Curlew.Tests.Multi;

/// <summary>
/// <see cref="CurlMulti.CompletedAsync"/> and many transfers through one multi: every DONE once, limits kept, every
/// socket closed once, and cancellation taking the unfinished transfers out cleanly.
/// </summary>
[Collection("nginx")]
public sealed class MultiAsyncTests(NginxFixture nginx, Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly StallServer _stall = new();

    private string Small => nginx.Server.BaseUrl + "/small.txt";

    public void Dispose() => _stall.Dispose();

    [Fact]
    public async Task A_hundred_transfers_through_one_multi_with_limits_all_finish_once_within_the_limits()
    {
        var multi = new CurlMulti { MaxHostConnections = 4, MaxTotalConnections = 6 };
        var bodies = new long[100];
        var handles = Enumerable.Range(0, 100).Select(i => Handle(Small)).ToList();
        for (int i = 0; i < handles.Count; i++)
        {
            int n = i;
            handles[i].Easy.WriteFunction = (data, _) => { Interlocked.Add(ref bodies[n], data.Length); return data.Length; };
            Assert.Equal(CurlMCode.Ok, multi.AddHandle(handles[i].Easy));
        }
        var seen = new HashSet<CurlEasy>(ReferenceEqualityComparer.Instance);
        int peak = 0;

        using var hang = new CancellationTokenSource(Run.HangLimit);
        await foreach (var message in multi.CompletedAsync(hang.Token))
        {
            Assert.True(seen.Add(message.Easy), "a second DONE message for one handle");
            Run.AssertOk(message.Result, message.Easy);
            peak = Math.Max(peak, multi.OpenConnections);
        }

        Assert.Equal(100, seen.Count);
        Assert.True(peak <= 4, $"{peak} connections open at once to one host, limit 4");
        int opens = handles.Sum(h => h.Ledger.Opens.Count), closes = handles.Sum(h => h.Ledger.Closes.Count);
        Assert.True(opens <= 4 && closes == 0, $"{opens} connections opened and {closes} closed on the way (4 at most, none closed, expected):\n"
            + string.Join("\n", handles.Where(h => h.Ledger.Events.Count > 0).Select(h => h.Ledger.Describe())));
        long expected = NginxServer.SmallText.Length;
        Assert.All(bodies, b => Assert.Equal(expected, b));
        multi.Dispose();
        foreach (var h in handles)
        {
            h.Ledger.AssertBalanced();
            h.Easy.Dispose();
        }
    }

    [Fact]
    public async Task Cancelling_CompletedAsync_takes_the_unfinished_transfers_out_and_closes_their_sockets_once()
    {
        using var multi = new CurlMulti();
        var stalled = Enumerable.Range(0, 3).Select(_ => Handle(_stall.Url)).ToList();
        var quick = Enumerable.Range(0, 2).Select(_ => Handle(Small)).ToList();
        foreach (var h in stalled.Concat(quick)) multi.AddHandle(h.Easy);
        using var cancel = new CancellationTokenSource();
        var done = new List<CurlMsg>();

        var enumerate = async () =>
        {
            await foreach (var message in multi.CompletedAsync(cancel.Token))
            {
                done.Add(message);
                if (done.Count == quick.Count) await Task.WhenAll(stalled.Select(h => h.FirstBytes)).ContinueWith(_ => cancel.Cancel());
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => enumerate().WaitAsync(Run.HangLimit));
        Assert.Equal(quick.Count, done.Count);
        Assert.Equal(quick.Count, multi.HandleCount);   // the finished ones stay
        foreach (var (easy, ledger, _) in stalled)
        {
            Assert.Null(easy.Owner);
            Assert.Single(ledger.Closes);
            ledger.AssertBalanced();
            easy.Dispose();
        }
        multi.Dispose();
        foreach (var h in quick) h.Ledger.AssertBalanced();
    }

    [Fact]
    public async Task CompletedAsync_on_an_empty_multi_ends_at_once_and_on_a_disposed_one_throws()
    {
        var multi = new CurlMulti();
        var none = new List<CurlMsg>();
        await foreach (var message in multi.CompletedAsync()) none.Add(message);
        Assert.Empty(none);
        multi.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => { await foreach (var _ in multi.CompletedAsync()) { } });
    }

    [Fact]
    public async Task Callbacks_of_one_handle_never_overlap_while_handles_run_side_by_side()
    {
        using var multi = new CurlMulti();
        const int Count = 8;
        var inside = new int[Count];
        var bytes = new long[Count];
        int overlaps = 0, busyAtOnce = 0, peakBusy = 0;
        var handles = new List<CurlEasy>();
        for (int i = 0; i < Count; i++)
        {
            int n = i;
            var easy = new CurlEasy
            {
                Url = nginx.Server.BaseUrl + "/big.bin",
                WriteFunction = (data, _) =>
                {
                    if (Interlocked.Increment(ref inside[n]) != 1) Interlocked.Increment(ref overlaps);
                    int now = Interlocked.Increment(ref busyAtOnce);
                    int seen;
                    while (now > (seen = Volatile.Read(ref peakBusy)) && Interlocked.CompareExchange(ref peakBusy, now, seen) != seen) { }
                    Thread.SpinWait(200);   // widen the window an overlap would need
                    bytes[n] += data.Length;
                    Interlocked.Decrement(ref busyAtOnce);
                    Interlocked.Decrement(ref inside[n]);
                    return data.Length;
                },
            };
            handles.Add(easy);
            multi.AddHandle(easy);
        }

        using var hang = new CancellationTokenSource(Run.HangLimit);
        int done = 0;
        await foreach (var message in multi.CompletedAsync(hang.Token))
        {
            Run.AssertOk(message.Result, message.Easy);
            done++;
        }

        Assert.Equal(Count, done);
        Assert.Equal(0, overlaps);
        Assert.All(bytes, b => Assert.Equal(NginxServer.BigSize, b));
        output.WriteLine($"at most {peakBusy} write callbacks of different handles ran at once");
        foreach (var easy in handles) easy.Dispose();
    }
}
