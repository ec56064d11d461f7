using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using static Curlew.Tests.Multi.MultiTestKit;

namespace Curlew.Tests.Multi;

/// <summary>Handle bookkeeping, options and bad input of <see cref="CurlMulti"/>.</summary>
[Collection("nginx")]
public sealed class MultiHandleTests(NginxFixture nginx)
{
    private string Small => nginx.Server.BaseUrl + "/small.txt";

    [Fact]
    public void Perform_reports_running_counts_and_each_DONE_once_in_finish_order_of_reading()
    {
        using var multi = new CurlMulti();
        var handles = Enumerable.Range(0, 3).Select(_ => Handle(Small)).ToList();
        foreach (var h in handles) Assert.Equal(CurlMCode.Ok, multi.AddHandle(h.Easy));
        Assert.Equal(3, multi.HandleCount);

        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        Assert.InRange(running, 0, 3);
        var messages = DriveToEnd(multi);

        Assert.Equal(3, messages.Count);
        Assert.Equal(handles.Select(h => h.Easy).ToHashSet(ReferenceEqualityComparer.Instance), messages.Select(m => m.Easy).ToHashSet(ReferenceEqualityComparer.Instance));
        Assert.All(messages, m => Assert.Equal(CurlMsgType.Done, m.Msg));
        Assert.Equal(CurlMCode.Ok, multi.Perform(out running));
        Assert.Equal(0, running);
        Assert.Null(multi.InfoRead(out _));
        Assert.Equal(3, multi.HandleCount);   // done handles stay until removed
        foreach (var h in handles)
        {
            Assert.Equal(200L, h.Easy.GetInfoLong(CurlInfo.ResponseCode));
            Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(h.Easy));
            h.Easy.Dispose();
        }
    }

    [Fact]
    public void A_removed_handle_drops_its_unread_message_and_runs_again_when_added_again()
    {
        using var multi = new CurlMulti();
        var (easy, _, _) = Handle(Small);
        multi.AddHandle(easy);
        Drive(multi, running => running == 0);   // reads the message
        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(easy));
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));
        Assert.Equal(CurlMCode.Ok, multi.Perform(out int started));
        if (started > 0) HarvestWithoutReading(multi);

        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(easy));   // its DONE was never read

        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        Assert.Equal(0, running);
        Assert.Null(multi.InfoRead(out _));
        easy.Dispose();
    }

    // Waits until the one running transfer has finished and Perform queued its message, without reading it.
    private static void HarvestWithoutReading(CurlMulti multi)
    {
        var deadline = DateTime.UtcNow + Run.HangLimit;
        while (multi.Poll(100, out int numfds) == CurlMCode.Ok && numfds == 0)
            Assert.True(DateTime.UtcNow < deadline, "the transfer did not finish");
        Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
        Assert.Equal(0, running);
    }

    [Fact]
    public async Task A_handle_in_a_multi_refuses_its_own_Perform_with_FailedInit_and_libcurls_message()
    {
        using var multi = new CurlMulti();
        using var easy = new CurlEasy { Url = Small };
        multi.AddHandle(easy);

        Assert.Equal(CurlCode.FailedInit, easy.Perform());
        Assert.Equal("easy handle already used in multi handle", easy.ErrorMessage);
        Assert.Equal(CurlCode.FailedInit, await easy.PerformAsync());
        multi.RemoveHandle(easy);
    }

    [Fact]
    public void Bad_handles_get_libcurls_codes()
    {
        using var multi = new CurlMulti();
        using var other = new CurlMulti();
        var disposed = new CurlEasy();
        disposed.Dispose();
        using var easy = new CurlEasy { Url = Small };

        Assert.Equal(CurlMCode.BadEasyHandle, multi.AddHandle(null!));
        Assert.Equal(CurlMCode.BadEasyHandle, multi.RemoveHandle(null!));
        Assert.Equal(CurlMCode.BadEasyHandle, multi.AddHandle(disposed));
        Assert.Equal(CurlMCode.Ok, multi.RemoveHandle(easy));          // in no multi
        Assert.Equal(CurlMCode.Ok, multi.AddHandle(easy));
        Assert.Equal(CurlMCode.AddedAlready, multi.AddHandle(easy));
        Assert.Equal(CurlMCode.AddedAlready, other.AddHandle(easy));   // libcurl 7.88 says this, not BAD_EASY_HANDLE
        Assert.Equal(CurlMCode.BadEasyHandle, other.RemoveHandle(easy));
        multi.Dispose();
        Assert.Null(easy.Owner);
        Assert.Equal(CurlMCode.BadHandle, multi.AddHandle(easy));
        Assert.Equal(CurlMCode.BadHandle, multi.SetOpt(CurlMOption.MaxConnects, 1));
        Assert.Equal(CurlMCode.BadHandle, multi.Wakeup());
        Assert.Equal(CurlMCode.BadHandle, multi.Poll(0, out _));
        multi.Dispose();   // again: nothing
    }

    [Fact]
    public void Options_take_whole_numbers_refuse_other_values_and_typed_properties_throw_for_them()
    {
        using var multi = new CurlMulti();

        Assert.Equal(CurlMCode.Ok, multi.SetOpt(CurlMOption.MaxHostConnections, 3));
        Assert.Equal(3L, multi.MaxHostConnections);
        Assert.Equal(CurlMCode.Ok, multi.SetOpt(CurlMOption.MaxTotalConnections, 9L));
        Assert.Equal(9L, multi.MaxTotalConnections);
        Assert.Equal(-1L, multi.MaxConnects);
        Assert.Equal(2L, multi.Pipelining);
        Assert.Equal(CurlMCode.Ok, multi.SetOpt(CurlMOption.Pipelining, 0));
        Assert.Equal(CurlMCode.BadFunctionArgument, multi.SetOpt(CurlMOption.Pipelining, 4));
        Assert.Equal(CurlMCode.BadFunctionArgument, multi.SetOpt(CurlMOption.MaxConnects, "5"));
        Assert.Equal(CurlMCode.BadFunctionArgument, multi.SetOpt(CurlMOption.MaxConnects, null));
        Assert.Equal(CurlMCode.UnknownOption, multi.SetOpt((CurlMOption)20001, 0));   // CURLMOPT_SOCKETFUNCTION: no socket_action here
        Assert.Throws<ArgumentOutOfRangeException>(() => multi.Pipelining = 7);
        Assert.Equal(0L, multi.Pipelining);
        Assert.Equal("The easy handle is already added to a multi handle", CurlMulti.StrError(CurlMCode.AddedAlready));
        Assert.Equal("Unknown error", CurlMulti.StrError((CurlMCode)99));
    }
}
