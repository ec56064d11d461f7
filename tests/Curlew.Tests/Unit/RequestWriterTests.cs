using Curlew.Protocols;
using System.Buffers;
using System.Text;
using Curlew.Http;
using Curlew.Transfer;
using Curlew.Url;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>The request head as libcurl 7.88 writes it, checked without a server.</summary>
public class RequestWriterTests
{
    private static string Write(EasyOptions o, UploadSource? body = null, bool isPost = false)
    {
        var settings = HttpSnapshot.From(o);
        var request = new HttpRequest(settings.MethodName, CurlUrl.Parse(o.Url!), body, SendCredentials: true, isPost, ExpectNoBody: o.NoBody);
        var head = HttpRequestWriter.Write(request, settings, resend: false);
        try { return Encoding.Latin1.GetString(head.Buffer, 0, head.Length); }
        finally { ArrayPool<byte>.Shared.Return(head.Buffer); }
    }

    [Fact]
    public void The_last_of_Post_Upload_NoBody_decides_the_method()
    {
        var o = new EasyOptions();
        o.Method = RequestKind.Post;   // PostFields
        o.SetPost(false);
        Assert.Equal("GET", HttpSnapshot.From(o).MethodName);
        o.SetNoBody(true);
        o.Method = RequestKind.Post;   // PostFields after NoBody: still HEAD, as libcurl
        Assert.Equal("HEAD", HttpSnapshot.From(o).MethodName);
        o.SetUpload(true);
        Assert.Equal("PUT", HttpSnapshot.From(o).MethodName);
    }

    [Fact]
    public void User_headers_go_out_exactly_as_written_and_Host_colon_removes_Host()
    {
        var o = new EasyOptions { Url = "http://h.example/p", HttpHeader = ["Host:", "X-A:   spaced  ", "X-C;", "X-D:", " X-F: lead"] };
        Assert.Equal("GET /p HTTP/1.1\r\nAccept: */*\r\nX-A:   spaced  \r\nX-C:\r\n X-F: lead\r\n\r\n", Write(o));
    }

    [Fact]
    public void A_user_Transfer_Encoding_chunked_chunk_encodes_PostFields_without_Content_Length()
    {
        var o = new EasyOptions { Url = "http://h.example/", HttpHeader = ["Transfer-Encoding: chunked"] };
        var text = Write(o, UploadSource.FromBytes("abc"u8.ToArray(), -1), isPost: true);
        Assert.DoesNotContain("Content-Length", text);
        Assert.EndsWith("\r\n\r\n3\r\nabc\r\n0\r\n\r\n", text);
    }

    [Fact]
    public void A_ranged_upload_sends_Content_Range_instead_of_Range()
    {
        var o = new EasyOptions { Url = "http://h.example/", Range = "0-2" };
        var text = Write(o, UploadSource.FromBytes("abc"u8.ToArray(), -1), isPost: true);
        Assert.Contains("\r\nContent-Range: bytes 0-2/3\r\n", text);
        Assert.DoesNotContain("\r\nRange:", text);
    }

    [Fact]
    public void An_unknown_size_upload_over_HTTP_1_0_is_UploadFailed()
    {
        var o = new EasyOptions { Url = "http://h.example/", HttpVersion = 1 };
        var ex = Assert.Throws<CurlException>(() => Write(o, UploadSource.FromReader((_, _) => 0, null, -1)));
        Assert.Equal(CurlCode.UploadFailed, ex.Code);
    }

    [Fact]
    public void Non_ASCII_path_characters_go_out_as_lower_case_percent_escapes()
    {
        Assert.StartsWith("GET /caf%c3%a9 HTTP/1.1\r\n", Write(new EasyOptions { Url = "http://h.example/caf\u00e9" }));
    }
}
