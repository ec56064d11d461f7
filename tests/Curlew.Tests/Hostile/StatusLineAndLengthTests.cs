using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Hostile;

public sealed class StatusLineAndLengthTests
{
    private static async Task<(CurlCode Code, CurlEasy Easy, CallbackLedger Ledger, TransferCapture Capture)> Get(FaultServer server, Action<CurlEasy>? setup = null)
    {
        var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        setup?.Invoke(easy);
        var code = await easy.PerformGuarded(ledger);
        // The verdict must come from the server's reply, so the transfer must have connected and sent its request.
        Assert.True(ledger.Opens.Count == 1 && server.Accepted == 1,
            $"expected one connection to the fault server, got {ledger.Opens.Count} opened and {server.Accepted} accepted. {ledger.Describe()}");
        return (code, easy, ledger, capture);
    }

    [Fact]
    public async Task A_status_code_below_100_is_refused_with_UnsupportedProtocol_like_libcurl()
    {
        // curl 7.88: "curl: (1) Unsupported response code in HTTP response"
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose("HTTP/1.1 099 Weird\r\nContent-Length: 5\r\n\r\nhello"));
        var (code, easy, ledger, capture) = await Get(server);
        Run.AssertCode(CurlCode.UnsupportedProtocol, code, easy, ledger);
        Assert.Equal("Unsupported response code in HTTP response", easy.ErrorMessage);
        Assert.Empty(capture.Body);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_four_digit_status_code_is_refused_with_UnsupportedProtocol_like_libcurl()
    {
        // curl 7.88: "curl: (1) Unsupported response code in HTTP response"
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose("HTTP/1.1 2000 OK\r\nContent-Length: 5\r\n\r\nhello"));
        var (code, easy, ledger, capture) = await Get(server);
        Run.AssertCode(CurlCode.UnsupportedProtocol, code, easy, ledger);
        Assert.Equal("Unsupported response code in HTTP response", easy.ErrorMessage);
        Assert.Empty(capture.Body);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task An_overflowing_Content_Length_is_ignored_and_the_body_read_until_close_like_libcurl()
    {
        // curl 7.88 and 8.x: "* Overflow Content-Length: value", body read until close, exit 0 (63 only with MaxFileSize).
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nhello"));
        var (code, easy, ledger, capture) = await Get(server);
        Run.AssertOk(code, easy, ledger);
        Assert.Equal("hello", capture.Text);
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
