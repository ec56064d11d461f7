using System.Diagnostics;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>Every way a transfer can fail returns the libcurl code and still closes every socket exactly once (rule 5).</summary>
public sealed class FailurePathTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task Connection_refused_returns_CouldntConnect_and_closes_the_attempts_socket()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = $"http://127.0.0.1:{Run.ClosedPort()}/";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.CouldntConnect, code, easy, ledger);
        Assert.Single(ledger.Opens);
        Assert.Single(ledger.Closes);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Timeout_against_a_silent_server_returns_OperationTimedout_in_time()
    {
        await using var server = FaultServer.Start(FaultScripts.Stall);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        easy.TimeoutMs = 500;

        var clock = Stopwatch.StartNew();
        var code = await easy.PerformGuarded(ledger);
        clock.Stop();

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        // The timeout struck while waiting for the reply, on an open connection, not while connecting.
        Assert.Single(ledger.Opens);
        Assert.Equal(1, await server.AcceptedAsync(1));
        Assert.True(clock.ElapsedMilliseconds >= 400, $"timed out too early: {clock.ElapsedMilliseconds} ms");
        // Generous for a loaded 2-core CI machine; without the timeout the silent server would hold it for the 30 s hang limit.
        Assert.True(clock.ElapsedMilliseconds < 5000, $"a 500 ms timeout took {clock.ElapsedMilliseconds} ms");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Write_callback_returning_a_short_count_fails_with_WriteError()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        easy.WriteFunction = (data, _) => data.Length - 1;
        easy.Url = kestrel.BaseUrl + "/bytes/1000";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.WriteError, code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Write_callback_that_throws_aborts_with_42_and_keeps_the_exception()
    {
        var thrown = new InvalidOperationException("write callback exploded");
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        easy.WriteFunction = (_, _) => throw thrown;
        easy.Url = kestrel.BaseUrl + "/bytes/1000";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.AbortedByCallback, code, easy, ledger);
        Assert.Same(thrown, easy.CallbackException);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Progress_callback_returning_non_zero_aborts_with_42()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        var calls = 0;
        easy.NoProgress = false;
        easy.XferInfoFunction = (_, _, _, _, _) => { Interlocked.Increment(ref calls); return 1; };
        easy.Url = kestrel.BaseUrl + "/bytes/100000";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.AbortedByCallback, code, easy, ledger);
        Assert.True(calls >= 1, "the progress callback was never called");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Progress_callback_is_not_called_while_NoProgress_is_true()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        var calls = 0;
        easy.XferInfoFunction = (_, _, _, _, _) => { Interlocked.Increment(ref calls); return 1; };
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Equal(0, calls);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Garbage_status_line_is_refused_as_HTTP_0_9_with_UnsupportedProtocol()
    {
        await using var server = FaultServer.Start(FaultScripts.GarbageStatusLine);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        var code = await easy.PerformGuarded(ledger);

        // Like curl 8.x: anything not starting with "HTTP/" is HTTP/0.9, which is off by default.
        Run.AssertCode(CurlCode.UnsupportedProtocol, code, easy, ledger);
        Assert.Contains("HTTP/0.9", easy.ErrorMessage ?? "");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Response_headers_totalling_more_than_300_KiB_fail_with_RecvError_without_hanging()
    {
        // libcurl 8.x allows 300 KiB of headers per response and refuses more with CURLE_RECV_ERROR.
        var code = await HeadAgainst(FaultScripts.HugeHeaders(400 * 1024));
        Assert.Equal(CurlCode.RecvError, code);
    }

    [Fact]
    public async Task Response_headers_just_over_100_KiB_in_total_are_accepted()
    {
        // Only a single line is limited to 100 KiB; many normal lines adding up to 110 KiB are fine, as in libcurl.
        var code = await HeadAgainst(FaultScripts.HugeHeaders(110 * 1024));
        Assert.Equal(CurlCode.Ok, code);
    }

    [Fact]
    public async Task A_single_response_header_line_over_100_KiB_is_refused_without_hanging()
    {
        // libcurl refuses a header line over CURL_MAX_HTTP_HEADER (100 KiB) with CURLE_OUT_OF_MEMORY.
        var code = await HeadAgainst(FaultScripts.HugeHeaderLine(150 * 1024));
        Assert.Equal(CurlCode.OutOfMemory, code);
    }

    private static async Task<CurlCode> HeadAgainst(Func<System.Net.Sockets.Socket, CancellationToken, Task> script)
    {
        await using var server = FaultServer.Start(script);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        var code = await easy.PerformGuarded(ledger, TimeSpan.FromSeconds(10));

        Assert.True(code == CurlCode.Ok || easy.ErrorMessage is not null, $"{code} came without an ErrorMessage");
        easy.Dispose();
        Assert.Single(ledger.Opens);
        ledger.AssertBalanced();
        return code;
    }

    [Fact]
    public async Task Body_shorter_than_its_Content_Length_fails_with_PartialFile()
    {
        await using var server = FaultServer.Start(FaultScripts.ShortBody);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.PartialFile, code, easy, ledger);
        Assert.Equal("0123456789", capture.Text);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Server_closing_before_any_byte_fails_with_GotNothing()
    {
        await using var server = FaultServer.Start(FaultScripts.CloseBeforeAnyByte);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.GotNothing, code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Connection_reset_in_the_middle_of_the_body_fails_with_RecvError()
    {
        await using var server = FaultServer.Start(FaultScripts.ResetMidBody);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.RecvError, code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task FailOnError_with_404_returns_HttpReturnedError_and_closes_nothing_twice()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/status/404";
        easy.FailOnError = true;

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.HttpReturnedError, code, easy, ledger);
        Assert.Equal(404, easy.GetInfoLong(CurlInfo.ResponseCode));
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
