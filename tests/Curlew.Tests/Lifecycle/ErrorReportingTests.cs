using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>What ErrorMessage and OsErrno say after a transfer, as libcurl's error buffer and CURLINFO_OS_ERRNO do.</summary>
public class ErrorReportingTests
{
    [Fact]
    public async Task ErrorMessage_is_null_after_a_success_even_when_a_callback_was_refused_a_reentrant_Perform()
    {
        await using var server = FaultServer.Start(FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"));
        using var t = new TestTransfer(server.BaseUrl + "/");
        CurlCode? inner = null;
        var capture = t.Easy.WriteFunction!;
        t.Easy.WriteFunction = (data, userdata) =>
        {
            inner ??= t.Easy.Perform();
            return capture(data, userdata);
        };

        await t.PerformOk();

        Assert.Equal(CurlCode.RecursiveApiCall, inner);
        Assert.Null(t.Easy.ErrorMessage);
        t.Finish();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OsErrno_holds_ECONNRESET_after_a_reset_in_the_middle_of_the_body(bool useAsync)
    {
        if (!OperatingSystem.IsLinux()) Assert.Fail("this test knows Linux's errno for ECONNRESET only (104)");
        await using var server = FaultServer.Start(FaultScripts.ResetMidBody);
        using var t = new TestTransfer(server.BaseUrl + "/");

        var code = useAsync ? await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger) : await t.Perform();

        Run.AssertCode(CurlCode.RecvError, code, t.Easy, t.Ledger);
        Assert.Equal(104, t.Easy.GetInfoLong(CurlInfo.OsErrno));
        t.Finish();
    }
}
