using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>
/// FTP bounce: a server on an allowed address (127.0.0.1) whose PASV reply names another host (127.0.0.2, where the
/// test really listens). With FtpSkipPasvIp off Curlew would connect there; the guard judges that data address and
/// refuses it. Without the guard the same script delivers the file, so the refusal is the guard's doing.
/// </summary>
public sealed class SsrfGuardHostilePasvTests
{
    private const string Secret = "internal data\n";

    [Theory, InlineData(false, false), InlineData(true, false), InlineData(false, true), InlineData(true, true)]
    public async Task A_PASV_reply_pointing_at_a_denied_address_is_refused(bool async, bool guarded)
    {
        var elsewhere = new TcpListener(IPAddress.Parse("127.0.0.2"), 0);
        elsewhere.Start();
        try
        {
            int dataPort = ((IPEndPoint)elsewhere.LocalEndpoint).Port;
            IReadOnlyList<string>? commands = null;
            await using var server = new ScriptedFtpServer(async s =>
            {
                commands = s.Commands;
                if (await s.LoginAndServeUntilAsync(c => c == "PASV", Secret.Length) is null) return;
                await s.SendAsync($"227 Entering Passive Mode (127,0,0,2,{dataPort / 256},{dataPort % 256})\r\n");
                if (await s.ServeUntilAsync(c => c.StartsWith("RETR", StringComparison.Ordinal), Secret.Length) is null) return;
                await s.SendAsync("150 here it comes\r\n");
                using (var data = await elsewhere.AcceptSocketAsync(s.Stopping))
                {
                    await data.SendAsync(System.Text.Encoding.ASCII.GetBytes(Secret));
                    data.Shutdown(SocketShutdown.Both);
                }
                await s.SendAsync("226 done\r\n");
                await s.ServeUntilAsync(_ => false);
            });

            using var t = new TestTransfer(server.BaseUrl + "/file.txt");
            t.Easy.FtpUseEpsv = false;
            t.Easy.FtpSkipPasvIp = false;
            if (guarded) t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().Allow("127.0.0.1").Build();

            var code = async ? await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger) : await t.Perform();

            if (!guarded)
            {
                Run.AssertOk(code, t.Easy, t.Ledger);
                Assert.Equal(Secret, t.Capture.Text);
            }
            else
            {
                Run.AssertCode(CurlCode.CouldntConnect, code, t.Easy, t.Ledger);
                Assert.Equal($"Connection to 127.0.0.2 port {dataPort} refused by the SSRF guard (loopback address)", t.Easy.ErrorMessage);
                Assert.Empty(t.Capture.Body);
                Assert.False(elsewhere.Pending(), "something connected to the address the PASV reply named");
                Assert.Single(t.Ledger.OpenAttempts);   // the control connection only
                Assert.DoesNotContain(commands ?? [], c => c.StartsWith("RETR", StringComparison.Ordinal));
            }
            t.Finish();
            Assert.Null(server.ScriptFailure);
        }
        finally
        {
            elsewhere.Stop();
        }
    }
}
