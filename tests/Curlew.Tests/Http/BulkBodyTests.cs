using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>
/// Big Content-Length bodies are read in large pieces (the socket wakes the reader only once plenty has arrived), but
/// never at the cost of holding back bytes that did arrive while the sender pauses.
/// </summary>
public class BulkBodyTests
{
    private const int Total = 4 * 1024 * 1024, FirstPart = 110 * 1024, LastLittlePiece = 10 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Bytes_that_arrived_are_delivered_while_the_rest_of_a_big_body_is_still_to_come(bool synchronous)
    {
        var firstPartSent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FaultServer.Start(async (s, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(s, ct);
            await FaultScripts.SendAsync(s, $"HTTP/1.1 200 OK\r\nContent-Length: {Total}\r\n\r\n", ct);
            // Most of the first part at once, then the rest of it a little later: the reader has emptied the socket
            // by then and waits, and that last little piece must still reach it without waiting for the pause to end.
            await s.SendAsync(new byte[FirstPart - LastLittlePiece], SocketFlags.None, ct);
            await Task.Delay(300, ct);
            await s.SendAsync(new byte[LastLittlePiece], SocketFlags.None, ct);
            firstPartSent.TrySetResult();
            await release.Task.WaitAsync(ct);   // the sender pauses with most of the body still to come
            await s.SendAsync(new byte[Total - FirstPart], SocketFlags.None, ct);
            await FaultScripts.WaitForClientCloseAsync(s, ct);
        });
        long delivered = 0;
        var allOfFirstPart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var easy = new CurlEasy { Url = server.BaseUrl + "/big" };
        easy.WriteFunction = (data, _) =>
        {
            if (Interlocked.Add(ref delivered, data.Length) >= FirstPart) allOfFirstPart.TrySetResult();
            return data.Length;
        };

        var perform = synchronous ? easy.PerformGuarded() : easy.PerformAsyncGuarded(CancellationToken.None);
        await firstPartSent.Task.WaitAsync(Run.HangLimit);
        var arrivedInTime = await Task.WhenAny(allOfFirstPart.Task, Task.Delay(TimeSpan.FromSeconds(5))) == allOfFirstPart.Task;
        release.TrySetResult();

        Assert.Equal(CurlCode.Ok, await perform);
        Assert.True(arrivedInTime, $"only {Interlocked.Read(ref delivered)} of the {FirstPart} bytes sent before the pause reached the write callback within 5 s");
        Assert.Equal(Total, Interlocked.Read(ref delivered));
    }

    [Fact]
    public async Task A_big_body_is_read_whole_and_the_connection_is_reused_for_a_small_one_afterwards()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var t = new TestTransfer(server.BaseUrl + "/bytes/3000000");
        await t.PerformOk();
        Assert.Equal(3_000_000, t.Capture.Body.Length);
        t.Easy.Url = server.BaseUrl + "/hello";
        t.Capture.Clear();
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);   // the socket's low-water mark went back to 1: a small reply is not held
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }
}
