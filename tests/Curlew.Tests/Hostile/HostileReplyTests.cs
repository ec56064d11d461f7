using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>
/// Property: whatever bytes a server answers with, a transfer ends promptly with a curl error code and a message
/// (never an internal error, an exception or a hang), and every socket it opened is closed exactly once.
/// </summary>
public class HostileReplyTests
{
    // Codes a hostile reply may legitimately produce; anything else (FailedInit = internal error) is a bug.
    private static readonly HashSet<CurlCode> Acceptable =
    [
        CurlCode.Ok, CurlCode.UnsupportedProtocol, CurlCode.WeirdServerReply, CurlCode.PartialFile, CurlCode.RecvError,
        CurlCode.GotNothing, CurlCode.OutOfMemory, CurlCode.OperationTimedout, CurlCode.UrlMalformat, CurlCode.TooManyRedirects,
        CurlCode.CouldntConnect, CurlCode.BadContentEncoding,
    ];

    [Fact]
    public async Task Any_reply_ends_with_a_curl_code_a_message_and_a_balanced_ledger()
    {
        var replies = new ConcurrentQueue<byte[]>();
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            if (replies.TryDequeue(out var reply) && reply.Length > 0) await socket.SendAsync(reply, SocketFlags.None, ct);
            socket.Shutdown(SocketShutdown.Send);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });

        var property = Prop.ForAll(Arb.From(HostileReplyGen.Reply), (byte[] reply) =>
        {
            replies.Clear();
            for (int i = 0; i < 3; i++) replies.Enqueue(reply);   // a redirect may come back for more
            var easy = new CurlEasy
            {
                Url = server.BaseUrl + "/",
                TimeoutMs = 5000,
                MaxRedirs = 2,
                FollowLocation = true,
                WriteFunction = (d, _) => d.Length,
                HeaderFunction = (d, _) => d.Length,
            };
            var ledger = new CallbackLedger().Install(easy);
            // Half the cases run synchronously (blocking I/O), half asynchronously: two I/O paths, one contract.
            bool useAsync = reply.Length % 2 == 1;
            var code = (useAsync ? easy.PerformAsyncGuarded(CancellationToken.None, ledger, TimeSpan.FromSeconds(20)) : easy.PerformGuarded(ledger, TimeSpan.FromSeconds(20)))
                .GetAwaiter().GetResult();
            string shown = Encoding.Latin1.GetString(reply).Replace("\r", "\\r").Replace("\n", "\\n");
            Assert.True(Acceptable.Contains(code), $"reply \"{shown}\" gave {code}: {easy.ErrorMessage}");
            Assert.True(code != CurlCode.OperationTimedout, $"reply \"{shown}\" hung until the timeout");
            if (code != CurlCode.Ok) Assert.False(string.IsNullOrWhiteSpace(easy.ErrorMessage), $"reply \"{shown}\" gave {code} without a message");
            easy.Dispose();
            // Every reply is fetched over a real connection: a verdict reached without one would prove nothing here.
            Assert.True(ledger.Opens.Count >= 1, $"reply \"{shown}\" gave {code} without a socket ever being opened. {ledger.Describe()}");
            ledger.AssertBalanced();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(400), property);
    }
}
