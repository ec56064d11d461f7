using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>What Curlew delivers: body framings, header callback, ranges and the facts GetInfo reports.</summary>
public sealed class HttpResponseTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private string Url(string path) => kestrel.BaseUrl + path;

    [Fact]
    public async Task A_Content_Length_body_arrives_byte_for_byte()
    {
        using var t = new TestTransfer(Url("/bytes/300000"));
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(300000), t.Capture.Body);
        Assert.Equal(300000, t.Easy.GetInfoLong(CurlInfo.SizeDownloadT));
        t.Finish();
    }

    [Fact]
    public async Task A_chunked_body_arrives_byte_for_byte()
    {
        using var t = new TestTransfer(Url("/chunked/100000"));
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(100000), t.Capture.Body);
        Assert.Equal("chunked", t.Capture.Header("Transfer-Encoding"));
        t.Finish();
    }

    [Fact]
    public async Task A_chunked_body_with_a_trailer_arrives_whole_and_the_trailer_goes_to_the_header_callback()
    {
        using var t = new TestTransfer(Url("/chunked-trailer/1000"));
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(1000), t.Capture.Body);
        Assert.Equal("done", t.Capture.Header("X-Trailer"));
        t.Finish();
    }

    [Fact]
    public async Task A_close_delimited_body_ends_when_the_server_closes()
    {
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nuntil the server closes\n"));
        using var t = new TestTransfer(server.BaseUrl + "/");
        await t.PerformOk();
        Assert.Equal("until the server closes\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task An_HTTP_1_0_response_without_length_is_read_until_close()
    {
        await using var server = FaultServer.Start(FaultScripts.RawResponseThenClose("HTTP/1.0 200 OK\r\n\r\nold style"));
        using var t = new TestTransfer(server.BaseUrl + "/");
        await t.PerformOk();
        Assert.Equal("old style", t.Capture.Text);
        Assert.Equal(1L, t.Easy.GetInfo(CurlInfo.HttpVersion));
        t.Finish();
    }

    [Fact]
    public async Task A_raw_response_with_Content_Length_completes_while_the_server_keeps_the_connection_open()
    {
        await using var server = FaultServer.Start(FaultScripts.RawResponse("HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nraw!"));
        using var t = new TestTransfer(server.BaseUrl + "/");
        await t.PerformOk();
        Assert.Equal("raw!", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Header_option_puts_the_response_head_before_the_body_in_the_output()
    {
        using var t = new TestTransfer(Url("/hello"));
        t.Easy.Header = true;
        await t.PerformOk();
        var text = t.Capture.Text;
        Assert.StartsWith("HTTP/1.1 200", text);
        Assert.EndsWith("\r\n\r\nhello world\n", text);
        t.Finish();
    }

    [Fact]
    public async Task Header_callback_gets_the_status_line_each_header_and_the_blank_line_one_call_each()
    {
        using var t = new TestTransfer(Url("/hello"));
        await t.PerformOk();
        var lines = t.Capture.HeaderLines;
        Assert.StartsWith("HTTP/1.1 200", lines[0]);
        Assert.Equal("\r\n", lines[^1]);
        Assert.All(lines, l => Assert.EndsWith("\r\n", l));
        Assert.All(lines, l => Assert.Equal(l.Length - 2, l.IndexOf("\r\n", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("Content-Length: 12", StringComparison.OrdinalIgnoreCase));
        t.Finish();
    }

    [Fact]
    public async Task Body_goes_to_a_Stream_in_WriteData_when_no_write_callback_is_set()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var sink = new MemoryStream();
        easy.WriteData = sink;
        easy.Url = Url("/hello");
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal("hello world\n", Encoding.UTF8.GetString(sink.ToArray()));
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Status_codes_are_reported_without_error_by_default()
    {
        using var t = new TestTransfer(Url("/status/418"));
        await t.PerformOk();
        Assert.Equal(418, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("status 418\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task FailOnError_on_404_returns_HttpReturnedError_and_delivers_no_body()
    {
        using var t = new TestTransfer(Url("/status/404"));
        t.Easy.FailOnError = true;
        await t.PerformExpecting(CurlCode.HttpReturnedError);
        Assert.Equal(404, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Empty(t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task Range_gets_206_and_exactly_those_bytes()
    {
        using var t = new TestTransfer(Url("/bytes/1000"));
        t.Easy.Range = "100-199";
        await t.PerformOk();
        Assert.Equal(206, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(KestrelTestServer.Pattern(100, 100), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task ResumeFrom_gets_the_rest_of_the_body()
    {
        using var t = new TestTransfer(Url("/bytes/1000"));
        t.Easy.ResumeFrom = 900;
        await t.PerformOk();
        Assert.Equal(206, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(KestrelTestServer.Pattern(100, 900), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task GetInfo_reports_the_facts_of_a_simple_GET()
    {
        using var t = new TestTransfer(Url("/hello"));
        await t.PerformOk();
        var easy = t.Easy;
        Assert.Equal(200, easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(Url("/hello"), easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.StartsWith("text/plain", easy.GetInfoString(CurlInfo.ContentType));
        Assert.Equal("127.0.0.1", easy.GetInfoString(CurlInfo.PrimaryIp));
        Assert.Equal(kestrel.Server.Port, easy.GetInfoLong(CurlInfo.PrimaryPort));
        Assert.Equal("127.0.0.1", easy.GetInfoString(CurlInfo.LocalIp));
        var localPort = easy.GetInfoLong(CurlInfo.LocalPort);
        Assert.True(localPort > 0 && localPort != kestrel.Server.Port, $"LocalPort {localPort}");
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(12, easy.GetInfoLong(CurlInfo.SizeDownloadT));
        Assert.True(easy.GetInfoLong(CurlInfo.TotalTimeT) > 0, "TotalTimeT must be positive");
        Assert.Equal(1, easy.GetInfoLong(CurlInfo.NumConnects));
        t.Finish();
    }
}
