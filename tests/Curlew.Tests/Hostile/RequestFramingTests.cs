using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>Where request and response framing could fall out of step, the connection is never trusted with more.</summary>
public class RequestFramingTests
{
    private static Task Send(Socket s, string text, CancellationToken ct) => s.SendAsync(Encoding.Latin1.GetBytes(text), SocketFlags.None, ct).AsTask();

    private static ReadCallback ThreeBytesOnce()
    {
        int calls = 0;
        return (buffer, _) =>
        {
            if (calls++ > 0) return 0;
            "abc"u8.CopyTo(buffer);
            return 3;
        };
    }

    [Fact]
    public async Task Bytes_queued_behind_a_417_are_never_taken_as_the_answer_to_the_repeated_request()
    {
        await using var server = FaultServer.Start(async (s, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(s, ct);
            // A 417 and, in the same segment, a response nobody asked for yet.
            await Send(s, "HTTP/1.1 417 Expectation Failed\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\nINJECTED", ct);
            await FaultScripts.WaitForClientCloseAsync(s, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/up");
        t.Easy.Upload = true;
        t.Easy.InFileSize = 3;
        t.Easy.ReadFunction = ThreeBytesOnce();

        await t.PerformOk();

        Assert.Equal(417, t.Easy.GetInfoLong(CurlInfo.ResponseCode));   // the 417 is the answer; no repeat on that connection
        Assert.DoesNotContain("INJECTED", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task An_upload_of_unknown_size_without_chunking_sends_no_Content_Length_and_the_whole_body()
    {
        string head = "", body = "";
        await using var server = FaultServer.Start(async (s, ct) =>
        {
            var received = await FaultScripts.ReadRequestHeadAsync(s, ct);   // the head, and maybe body bytes behind it
            int end = received.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            head = received[..end];
            body = received[end..];
            var buffer = new byte[16];
            while (body.Length < 3)
            {
                int n = await s.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) break;
                body += Encoding.Latin1.GetString(buffer, 0, n);
            }
            await Send(s, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", ct);
            await FaultScripts.WaitForClientCloseAsync(s, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/up");
        t.Easy.Upload = true;                                     // no InFileSize: size unknown
        t.Easy.HttpHeader = ["Transfer-Encoding:", "Expect:"];    // and the user turned chunking off
        t.Easy.ReadFunction = ThreeBytesOnce();

        await t.PerformOk();

        Assert.DoesNotContain("Content-Length", head);
        Assert.DoesNotContain("Transfer-Encoding", head);
        Assert.Equal("abc", body);
        t.Finish();
    }
    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n")]
    public async Task A_reply_framed_both_ways_or_chunked_over_HTTP_1_0_is_read_but_its_connection_is_not_reused(string reply)
    {
        await using var server = FaultServer.Start(async (s, ct) =>
        {
            while (!ct.IsCancellationRequested)
            {
                var request = await FaultScripts.ReadRequestHeadAsync(s, ct);
                if (request.Length == 0) return;
                await Send(s, reply, ct);
            }
        });
        using var t = new TestTransfer(server.BaseUrl + "/");

        await t.PerformOk();
        await t.PerformOk();

        Assert.Equal("hellohello", t.Capture.Text);
        Assert.Equal(2, t.Ledger.Opens.Count);   // RFC 9112 6.1: the framing is in doubt, so no second request on it
        t.Finish();
    }
}
