using System.Diagnostics;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using static Curlew.Tests.Multi.MultiTestKit;

namespace Curlew.Tests.Multi;

/// <summary>
/// <see cref="CurlMulti.Wait"/>, <see cref="CurlMulti.Poll"/> and <see cref="CurlMulti.Wakeup"/>: they sleep until a
/// transfer finishes, the timeout passes (never early) or a wake-up comes, whichever is first.
/// </summary>
[Collection("nginx")]
public sealed class MultiWaitTests(NginxFixture nginx) : IDisposable
{
    private readonly StallServer _stall = new();

    public void Dispose() => _stall.Dispose();

    [Fact]
    public void Wait_with_a_stalled_transfer_returns_after_its_timeout_never_before()
    {
        using var multi = new CurlMulti();
        var (easy, _, firstBytes) = Handle(_stall.Url);
        multi.AddHandle(easy);
        DriveUntil(multi, firstBytes);

        var clock = Stopwatch.StartNew();
        Assert.Equal(CurlMCode.Ok, multi.Wait(400, out int numfds));

        Deadline.AssertStruckAt(clock.ElapsedMilliseconds, 400, "Wait(400)");
        Assert.Equal(0, numfds);
        multi.RemoveHandle(easy);
        easy.Dispose();
    }

    [Fact]
    public void Poll_with_nothing_to_do_sleeps_its_timeout()
    {
        using var multi = new CurlMulti();
        var clock = Stopwatch.StartNew();

        Assert.Equal(CurlMCode.Ok, multi.Poll(300, out int numfds));

        Deadline.AssertStruckAt(clock.ElapsedMilliseconds, 300, "Poll(300)");
        Assert.Equal(0, numfds);
    }

    [Fact]
    public void Wait_returns_as_soon_as_a_transfer_finishes_with_numfds_counting_it()
    {
        using var multi = new CurlMulti();
        var (easy, _, _) = Handle(nginx.Server.BaseUrl + "/small.txt");
        multi.AddHandle(easy);
        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        var clock = Stopwatch.StartNew();

        var code = multi.Wait(60_000, out int numfds);

        Assert.Equal(CurlMCode.Ok, code);
        Assert.True(clock.ElapsedMilliseconds < 30_000, $"Wait returned after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(running == 0 ? 0 : 1, numfds);   // 0 only if it finished inside Perform already
        Assert.Equal(CurlMCode.Ok, multi.Perform(out running));
        Assert.Equal(0, running);
        Assert.Equal(CurlCode.Ok, multi.InfoRead(out int left)!.Result);
        Assert.Equal(0, left);
        Assert.Null(multi.InfoRead(out _));   // each DONE once
        multi.RemoveHandle(easy);
        easy.Dispose();
    }

    [Fact]
    public async Task Wakeup_from_another_thread_ends_a_long_Poll_at_once()
    {
        using var multi = new CurlMulti();
        var clock = Stopwatch.StartNew();
        var poll = Task.Run(() => multi.Poll(60_000, out _));
        await Task.Delay(200);   // most likely asleep by now; a wake-up that comes first is kept for it anyway

        Assert.Equal(CurlMCode.Ok, multi.Wakeup());

        Assert.Equal(CurlMCode.Ok, await poll.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.True(clock.ElapsedMilliseconds < 30_000, $"Poll returned after {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Wakeup_also_ends_a_Wait_on_a_running_transfer()
    {
        using var multi = new CurlMulti();
        var (easy, _, firstBytes) = Handle(_stall.Url);
        multi.AddHandle(easy);
        DriveUntil(multi, firstBytes);
        var wait = Task.Run(() => multi.Wait(60_000, out _));
        await Task.Delay(200);

        multi.Wakeup();

        Assert.Equal(CurlMCode.Ok, await wait.WaitAsync(TimeSpan.FromSeconds(30)));
        multi.RemoveHandle(easy);
        easy.Dispose();
    }

    [Fact]
    public void Several_wakeups_before_a_Poll_end_that_one_Poll_only()
    {
        using var multi = new CurlMulti();
        multi.Wakeup();
        multi.Wakeup();
        var clock = Stopwatch.StartNew();

        Assert.Equal(CurlMCode.Ok, multi.Poll(60_000, out _));
        Assert.True(clock.ElapsedMilliseconds < 30_000, "the kept wake-up did not end the Poll");
        clock.Restart();
        Assert.Equal(CurlMCode.Ok, multi.Poll(200, out _));
        Deadline.AssertStruckAt(clock.ElapsedMilliseconds, 200, "the Poll after the wake-up was used");
    }

    [Fact]
    public void Wait_returns_at_once_for_a_handle_added_since_the_last_Perform_and_refuses_a_negative_timeout()
    {
        using var multi = new CurlMulti();
        var (easy, _, _) = Handle(_stall.Url);
        multi.AddHandle(easy);
        var clock = Stopwatch.StartNew();

        Assert.Equal(CurlMCode.Ok, multi.Poll(60_000, out _));
        Assert.True(clock.ElapsedMilliseconds < 30_000, "Poll slept although Perform had a transfer to start");
        Assert.Equal(CurlMCode.BadFunctionArgument, multi.Wait(-1, out _));
        multi.RemoveHandle(easy);
        easy.Dispose();
    }
}
