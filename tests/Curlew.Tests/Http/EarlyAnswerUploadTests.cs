using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>
/// A server may refuse a request body before reading it: libcurl stops sending on an early final status of 300 or
/// more, returns Ok with that status, and does not reuse the connection.
/// </summary>
public class EarlyAnswerUploadTests
{
    private const int BodySize = 20 * 1024 * 1024;
    private const string Refusal = "HTTP/1.1 413 Payload Too Large\r\nContent-Length: 9\r\nConnection: close\r\n\r\ntoo large";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_413_sent_at_once_by_a_server_that_stops_reading_ends_the_upload_with_Ok_and_413(bool useAsync)
    {
        // Answers right after the request head and never reads again: a client that only sends would block forever.
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, Refusal, ct);
            await Task.Delay(Timeout.Infinite, ct);
        });
        using var t = new TestTransfer(server.BaseUrl + "/upload");
        t.Easy.PostFields = new byte[BodySize];
        t.Easy.HttpHeader = ["Expect:"];   // no 100-continue: the body follows the head at once
        t.Easy.TimeoutMs = 10_000;

        var code = useAsync ? await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger) : await t.Perform();

        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.Equal(413, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("too large", t.Capture.Text);
        Assert.True(t.Easy.GetInfoLong(CurlInfo.SizeUploadT) < BodySize, $"the whole body was sent ({t.Easy.GetInfoLong(CurlInfo.SizeUploadT)} bytes)");
        Assert.True(t.Ledger.Closes.Count == 1, "the connection that carried a refused body was kept for reuse. " + t.Ledger.Describe());
        t.Finish();
    }

    [Fact]
    public async Task A_413_from_a_server_that_then_closes_is_the_result_not_a_send_error()
    {
        // Answers, then resets the connection under the body still coming in.
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, Refusal, ct);
            socket.Close();
        });
        using var t = new TestTransfer(server.BaseUrl + "/upload");
        t.Easy.PostFields = new byte[BodySize];
        t.Easy.HttpHeader = ["Expect:"];
        t.Easy.TimeoutMs = 10_000;

        await t.PerformOk();

        Assert.Equal(413, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }
}
