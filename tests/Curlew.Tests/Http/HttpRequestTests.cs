using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>What Curlew sends: methods, bodies, headers and credentials, as Kestrel sees them.</summary>
public sealed class HttpRequestTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private string Url(string path) => kestrel.BaseUrl + path;

    [Fact]
    public async Task GET_downloads_the_body()
    {
        using var t = new TestTransfer(Url("/hello"));
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);
        Assert.Equal(200, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }

    [Fact]
    public async Task NoBody_sends_HEAD_and_delivers_no_body()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.NoBody = true;
        await t.PerformOk();
        Assert.Equal("HEAD", t.Capture.Header("X-Method"));
        Assert.Empty(t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task NoBody_on_a_resource_with_a_body_finishes_without_reading_it()
    {
        using var t = new TestTransfer(Url("/bytes/5000"));
        t.Easy.NoBody = true;
        await t.PerformOk();
        Assert.Equal("5000", t.Capture.Header("Content-Length"));
        Assert.Empty(t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task PostFields_sends_a_POST_with_a_Content_Length_body()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.PostFields = "name=curlew&x=1"u8.ToArray();
        await t.PerformOk();
        Assert.Equal("POST", t.Capture.Header("X-Method"));
        Assert.Equal("15", t.Capture.Header("X-Content-Length"));
        Assert.Equal("name=curlew&x=1", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task PostFields_go_out_whole_on_every_perform_of_a_reused_handle()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.PostFields = "name=curlew&x=1"u8.ToArray();
        for (int i = 0; i < 3; i++) await t.PerformOk();   // the handle keeps its request: its body must start over
        Assert.Equal(string.Concat(Enumerable.Repeat("name=curlew&x=1", 3)), t.Capture.Text);
        Assert.Equal(15, t.Easy.GetInfoLong(CurlInfo.SizeUploadT));
        t.Finish();
    }

    [Fact]
    public async Task PostFields_given_as_a_string_through_SetOpt_is_sent()
    {
        using var t = new TestTransfer(Url("/echo"));
        Assert.Equal(CurlCode.Ok, t.Easy.SetOpt(CurlOption.PostFields, "a=b"));
        await t.PerformOk();
        Assert.Equal("POST", t.Capture.Header("X-Method"));
        Assert.Equal("a=b", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task PostFieldSize_limits_how_much_of_PostFields_is_sent()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.PostFields = "abcdef"u8.ToArray();
        t.Easy.PostFieldSize = 3;
        await t.PerformOk();
        Assert.Equal("3", t.Capture.Header("X-Content-Length"));
        Assert.Equal("abc", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task POST_with_a_read_callback_and_unknown_size_is_sent_chunked()
    {
        var payload = KestrelTestServer.Pattern(20000);
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Post = true;
        t.Easy.ReadFunction = Reader(payload);
        await t.PerformOk();
        Assert.Equal("POST", t.Capture.Header("X-Method"));
        Assert.Equal("chunked", t.Capture.Header("X-Transfer-Encoding"));
        Assert.Equal(payload, t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task POST_with_a_read_callback_and_PostFieldSize_sends_Content_Length()
    {
        var payload = KestrelTestServer.Pattern(20000);
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Post = true;
        t.Easy.PostFieldSize = payload.Length;
        t.Easy.ReadFunction = Reader(payload);
        await t.PerformOk();
        Assert.Equal("20000", t.Capture.Header("X-Content-Length"));
        Assert.Equal("none", t.Capture.Header("X-Transfer-Encoding"));
        Assert.Equal(payload, t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task Upload_with_InFileSize_sends_a_PUT_with_Content_Length()
    {
        var payload = KestrelTestServer.Pattern(100000);
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Upload = true;
        t.Easy.InFileSize = payload.Length;
        t.Easy.ReadFunction = Reader(payload);
        await t.PerformOk();
        Assert.Equal("PUT", t.Capture.Header("X-Method"));
        Assert.Equal("100000", t.Capture.Header("X-Content-Length"));
        Assert.Equal(payload, t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task Upload_without_a_size_sends_a_chunked_PUT()
    {
        var payload = KestrelTestServer.Pattern(100000);
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Upload = true;
        t.Easy.ReadFunction = Reader(payload);
        await t.PerformOk();
        Assert.Equal("PUT", t.Capture.Header("X-Method"));
        Assert.Equal("chunked", t.Capture.Header("X-Transfer-Encoding"));
        Assert.Equal(payload, t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task Upload_from_a_Stream_in_ReadData_works_without_a_read_callback()
    {
        var payload = KestrelTestServer.Pattern(3000);
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Upload = true;
        t.Easy.InFileSize = payload.Length;
        t.Easy.ReadData = new MemoryStream(payload);
        await t.PerformOk();
        Assert.Equal(payload, t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task Read_callback_returning_ReadFuncAbort_aborts_with_42()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.Upload = true;
        var reads = 0;
        t.Easy.ReadFunction = (_, _) => { Interlocked.Increment(ref reads); return Curl.ReadFuncAbort; };
        await t.PerformExpecting(CurlCode.AbortedByCallback);
        Assert.True(reads >= 1, "the read callback was never called, so the abort came from somewhere else");
        t.Finish();
    }

    [Fact]
    public async Task CustomRequest_replaces_the_method_and_keeps_the_body()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.CustomRequest = "PATCH";
        t.Easy.PostFields = "patch-body"u8.ToArray();
        await t.PerformOk();
        Assert.Equal("PATCH", t.Capture.Header("X-Method"));
        Assert.Equal("patch-body", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task CustomRequest_without_a_body_sends_that_method()
    {
        using var t = new TestTransfer(Url("/echo"));
        t.Easy.CustomRequest = "DELETE";
        await t.PerformOk();
        Assert.Equal("DELETE", t.Capture.Header("X-Method"));
        t.Finish();
    }

    [Fact]
    public async Task HttpHeader_adds_a_custom_header()
    {
        var lines = await RequestHeaders(easy => easy.HttpHeader = ["X-Custom: 42"]);
        Assert.Contains("X-Custom: 42", lines);
    }

    [Fact]
    public async Task HttpHeader_replaces_a_default_header()
    {
        var lines = await RequestHeaders(easy => easy.HttpHeader = ["Accept: text/x-curlew"]);
        var accept = Assert.Single(lines, l => l.StartsWith("Accept:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Accept: text/x-curlew", accept);
    }

    [Fact]
    public async Task HttpHeader_with_a_bare_name_and_colon_removes_a_default_header()
    {
        var lines = await RequestHeaders(easy => easy.HttpHeader = ["Accept:"]);
        // The server did report the request's headers (an empty list would make the check below pass vacuously).
        Assert.Contains($"Host: 127.0.0.1:{kestrel.Server.Port}", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Accept:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HttpHeader_with_a_semicolon_sends_the_header_empty()
    {
        var lines = await RequestHeaders(easy => easy.HttpHeader = ["X-Empty;"]);
        Assert.Contains(lines, l => l.TrimEnd() == "X-Empty:");
    }

    [Fact]
    public async Task The_default_request_has_Host_and_Accept_and_no_User_Agent()
    {
        var lines = await RequestHeaders(_ => { });
        Assert.Contains($"Host: 127.0.0.1:{kestrel.Server.Port}", lines);
        Assert.Contains("Accept: */*", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UserAgent_sets_the_User_Agent_header()
    {
        var lines = await RequestHeaders(easy => easy.UserAgent = "curlew-test/1.0");
        Assert.Contains("User-Agent: curlew-test/1.0", lines);
    }

    [Fact]
    public async Task UserPwd_sends_Basic_credentials_the_server_accepts()
    {
        using var t = new TestTransfer(Url("/basic-auth/alice/s3cret"));
        t.Easy.UserPwd = "alice:s3cret";
        await t.PerformOk();
        Assert.Equal(200, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("authenticated alice\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Wrong_UserPwd_gets_401_which_is_not_an_error_without_FailOnError()
    {
        using var t = new TestTransfer(Url("/basic-auth/alice/s3cret"));
        t.Easy.UserPwd = "alice:wrong";
        await t.PerformOk();
        Assert.Equal(401, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("Basic realm=\"x\"", t.Capture.Header("WWW-Authenticate"));
        t.Finish();
    }

    [Fact]
    public async Task Credentials_in_the_URL_are_sent_as_Basic_auth()
    {
        using var t = new TestTransfer($"http://bob:pw@127.0.0.1:{kestrel.Server.Port}/basic-auth/bob/pw");
        await t.PerformOk();
        Assert.Equal(200, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("authenticated bob\n", t.Capture.Text);
        t.Finish();
    }

    private async Task<List<string>> RequestHeaders(Action<CurlEasy> configure)
    {
        using var t = new TestTransfer(Url("/headers"));
        configure(t.Easy);
        await t.PerformOk();
        var lines = t.Capture.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        t.Finish();
        return lines;
    }

    private static ReadCallback Reader(byte[] payload)
    {
        var offset = 0;
        return (buffer, _) =>
        {
            var n = Math.Min(buffer.Length, payload.Length - offset);
            payload.AsSpan(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        };
    }

    internal static string Latin1(byte[] bytes) => Encoding.Latin1.GetString(bytes);
}
