using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// A control reply that does not come (a scripted server: vsftpd always answers at once): libcurl 7.88.1 keeps
/// calling the progress callback while it waits, about once a second, so a callback that gives up after a while
/// ends the transfer with AbortedByCallback (42) long before the 15 s overall timeout (28). Curlew must do the same,
/// in Perform and PerformAsync, and close every socket once.
/// </summary>
public sealed class FtpStallProgressDiffTests(ITestOutputHelper output)
{
    // Three seconds, so even ticks that a loaded machine spaces out a little run at least three times before it.
    private const long GiveUpAfterMs = 3000;

    // Greets, takes the login, then says nothing more; at the stage named, the reply never comes.
    private static ScriptedFtpServer Stalling(string stage) => new(async s =>
    {
        if (stage == "greeting") { await Task.Delay(30_000, s.Stopping); return; }
        await s.SendAsync("220 hi\r\n");
        await s.ReadCommandAsync();   // USER
        if (stage == "login") { await Task.Delay(30_000, s.Stopping); return; }
        await s.SendAsync("230 in\r\n");
        await s.ReadCommandAsync();   // PWD
        await Task.Delay(30_000, s.Stopping);
    });

    [Theory]
    [InlineData("greeting", false)]
    [InlineData("login", false)]
    [InlineData("PWD", false)]
    [InlineData("login", true)]
    public async Task A_progress_callback_aborts_a_stalled_control_dialogue_as_in_libcurl(string stage, bool async)
    {
        // A server for each engine: it serves one session at a time, and the first one stalls for good.
        SessionStep[] Steps(ScriptedFtpServer server) => [new([(CurlOption.Url, server.BaseUrl + "/f.txt")])];
        await using var libServer = Stalling(stage);
        var lib = FtpSessionRun.LibCurl(Steps(libServer), abortAfter: ms => ms >= GiveUpAfterMs);
        await using var myServer = Stalling(stage);
        var ledger = new CallbackLedger();
        var mine = FtpSessionRun.Curlew(Steps(myServer), ledger, abortAfter: ms => ms >= GiveUpAfterMs, async: async);
        output.WriteLine($"libcurl: {lib}\ncurlew: {mine}");
        Assert.Equal([(int)CurlCode.AbortedByCallback], lib.Codes);   // the premise: libcurl ticks while it waits
        Assert.Equal(lib.Codes, mine.Codes);
        Assert.Equal(lib.Headers, mine.Headers);   // stalled at the same step
        Assert.Equal(lib.ResponseCode, mine.ResponseCode);
        Assert.True(mine.ProgressCalls >= 3, $"the progress callback ran {mine.ProgressCalls} times: it must keep running while the reply is awaited");
        ledger.AssertBalanced();
        Assert.Null(libServer.ScriptFailure);
        Assert.Null(myServer.ScriptFailure);
    }
}
