using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

public sealed class LowSpeedUploadTests
{
    [Fact]
    public async Task A_fast_upload_followed_by_a_short_wait_for_the_reply_is_not_aborted_as_too_slow()
    {
        const int chunk = 64 * 1024, chunks = 60;   // ~3.8 MB sent in ~2.5 s: far above the 1000 B/s limit
        long received = 0;
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            var head = await FaultScripts.ReadRequestHeadAsync(socket, ct);
            long bodyInHead = head.Length - (head.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4);
            long left = (long)chunk * chunks - bodyInHead;
            var buffer = new byte[65536];
            while (left > 0)
            {
                int n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (n == 0) return;
                left -= n;
            }
            Interlocked.Exchange(ref received, (long)chunk * chunks - left);
            await Task.Delay(1300, ct);   // the server thinks for 1.3 s, well under LowSpeedTime
            await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        easy.Upload = true;
        easy.InFileSize = (long)chunk * chunks;
        easy.HttpHeader = ["Expect:"];
        long toSend = (long)chunk * chunks;
        easy.ReadFunction = (buffer, _) =>
        {
            if (toSend == 0) return 0;
            Thread.Sleep(40);
            int n = (int)Math.Min(buffer.Length, toSend);
            buffer[..n].Fill((byte)'x');
            toSend -= n;
            return n;
        };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.LowSpeedLimit, 1000));
        // 3 s: the 1.3 s pause stays far below it even on a loaded machine, while a guard that did not count uploaded
        // bytes would still abort (the upload plus the pause take ~3.7 s).
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.LowSpeedTime, 3));

        var code = await easy.PerformGuarded(ledger);

        Run.AssertOk(code, easy, ledger);
        Assert.Equal("ok", capture.Text);
        Assert.Equal((long)chunk * chunks, Interlocked.Read(ref received));
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
