using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>
/// FTP servers that misbehave in ways vsftpd cannot: each ends with a clear code and message, never hangs, and
/// every socket from the open callback reaches the close callback exactly once.
/// </summary>
public sealed class HostileFtpServerTests
{
    private static async Task<TestTransfer> Expect(ScriptedFtpServer server, string path, CurlCode expected, Action<CurlEasy>? setUp = null)
    {
        var t = new TestTransfer(server.BaseUrl + path);
        setUp?.Invoke(t.Easy);
        await t.PerformExpecting(expected);
        t.Finish();
        Assert.Null(server.ScriptFailure);
        return t;
    }

    [Fact]
    public async Task A_greeting_that_is_not_an_FTP_reply_is_WeirdServerReply()
    {
        await using var server = FtpFaults.Greeting("HELLO THERE\r\n");
        using var t = await Expect(server, "/f", CurlCode.WeirdServerReply);
        Assert.Contains("is not an FTP reply", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task An_endless_multi_line_reply_is_WeirdServerReply_not_a_hang()
    {
        await using var server = new ScriptedFtpServer(async s =>
        {
            await s.SendAsync("220-welcome\r\n");
            for (int i = 0; i < 100_000; i++) await s.SendAsync($"220-line {i} of a reply that never ends\r\n");
        });
        using var t = await Expect(server, "/f", CurlCode.WeirdServerReply);
        Assert.Contains("without ending it", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task A_server_that_closes_after_the_greeting_is_WeirdServerReply()
    {
        await using var server = FtpFaults.Greeting("220 hi\r\n");
        using var t = await Expect(server, "/f", CurlCode.WeirdServerReply);
        Assert.Contains("closed the control connection", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task A_silent_server_ends_at_FtpResponseTimeout()
    {
        await using var server = new ScriptedFtpServer(async s => { await s.SendAsync("220 hi\r\n"); await s.ReadCommandAsync(); await Task.Delay(10_000, s.Stopping); });
        using var t = await Expect(server, "/f", CurlCode.OperationTimedout, e => e.FtpResponseTimeout = 1);
        Assert.Contains("FTP response timeout", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task A_PASV_reply_pointing_at_another_host_is_ignored_and_the_control_address_used()
    {
        await using var server = new ScriptedFtpServer(async s =>
        {
            await s.LoginAndServeUntilAsync(c => c == "EPSV");
            await s.SendAsync("500 no EPSV here\r\n");
            await s.ReadCommandAsync();   // PASV
            int port = s.OfferDataPort();
            await s.SendAsync($"227 Entering Passive Mode (10,0,0,99,{port >> 8},{port & 255})\r\n");
            using var data = await s.AcceptDataAsync();
            await s.SendRetrAsync(data, "hello"u8.ToArray(), size: 5);
            await s.SendAsync("226 done\r\n");
            await s.ReadCommandAsync();
        });
        using var t = new TestTransfer(server.BaseUrl + "/f");
        await t.PerformOk();
        Assert.Equal("hello", t.Capture.Text);
        Assert.All(t.Ledger.Opens, o => Assert.Equal("127.0.0.1", o.Address));
        t.Finish();
    }

    [Fact]
    public async Task With_FtpSkipPasvIp_off_the_address_in_the_PASV_reply_is_used()
    {
        // 127.0.0.2 is loopback too, but the scripted data listener is bound to 127.0.0.1 only: the connect is refused.
        await using var server = new ScriptedFtpServer(async s =>
        {
            await s.LoginAndServeUntilAsync(c => c == "PASV");
            int port = s.OfferDataPort();
            await s.SendAsync($"227 Entering Passive Mode (127,0,0,2,{port >> 8},{port & 255})\r\n");
            await s.ReadCommandAsync();
        });
        using var t = await Expect(server, "/f", CurlCode.CouldntConnect, e => { e.FtpUseEpsv = false; e.FtpSkipPasvIp = false; });
        Assert.Equal("127.0.0.2", t.Ledger.Opens[1].Address);
    }

    [Fact]
    public async Task A_227_reply_without_an_address_is_FtpWeird227Format()
    {
        await using var server = FtpFaults.Answering("PASV", "227 Entering Passive Mode (nonsense)\r\n");
        await Expect(server, "/f", CurlCode.FtpWeird227Format, e => e.FtpUseEpsv = false);
    }

    [Fact]
    public async Task A_229_reply_without_a_port_is_FtpWeirdPasvReply()
    {
        await using var server = FtpFaults.Answering("EPSV", "229 Entering Extended Passive Mode (|||x|)\r\n");
        await Expect(server, "/f", CurlCode.FtpWeirdPasvReply);
    }

    [Fact]
    public async Task A_refused_passive_data_connection_falls_back_from_EPSV_to_PASV_then_is_CouldntConnect()
    {
        int closed = Run.ClosedPort();
        await using var server = new ScriptedFtpServer(async s =>
        {
            await s.LoginAndServeUntilAsync(c => c == "EPSV");
            await s.SendAsync($"229 Entering Extended Passive Mode (|||{closed}|)\r\n");
            Assert.Equal("PASV", await s.ReadCommandAsync());
            await s.SendAsync($"227 Entering Passive Mode (127,0,0,1,{closed >> 8},{closed & 255})\r\n");
            await s.ReadCommandAsync();
        });
        using var t = await Expect(server, "/f", CurlCode.CouldntConnect);
        Assert.Equal(3, t.Ledger.Opens.Count);   // control and the two refused data attempts, each closed once
    }

    [Fact]
    public async Task An_active_data_connection_that_never_comes_is_FtpAcceptTimeout()
    {
        await using var server = new ScriptedFtpServer(async s =>
        {
            await s.LoginAndServeUntilAsync(c => c.StartsWith("RETR", StringComparison.Ordinal) || c.StartsWith("EPRT", StringComparison.Ordinal), size: 5);
            await s.SendAsync("200 EPRT ok, but nobody will come\r\n");
            await s.ServeUntilAsync(c => c.StartsWith("RETR", StringComparison.Ordinal), size: 5);
            await s.SendAsync("150 connecting (not really)\r\n");
            await s.ReadCommandAsync();
        });
        using var t = await Expect(server, "/f", CurlCode.FtpAcceptTimeout, e => { e.FtpPort = "-"; e.AcceptTimeoutMs = 300; });
        var listener = Assert.Single(t.Ledger.Opens, o => o.Purpose == CurlSockType.Accept);
        Assert.Single(t.Ledger.Closes, c => c.SocketId == listener.SocketId);
    }

    [Fact]
    public async Task A_data_connection_closed_before_the_announced_size_is_PartialFile()
    {
        await using var server = FtpFaults.ShortDownload(announced: 100, sent: 10, finalReply: true);
        using var t = await Expect(server, "/f", CurlCode.PartialFile);
        Assert.Equal("Received only partial file: 10 bytes", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task A_server_that_closes_the_control_connection_mid_transfer_ends_with_a_clear_error()
    {
        await using var server = FtpFaults.ShortDownload(announced: 100, sent: 10, finalReply: false);
        using var t = await Expect(server, "/f", CurlCode.WeirdServerReply);
        Assert.Contains("closed the control connection", t.Easy.ErrorMessage);
    }

    [Fact]
    public async Task A_refused_TYPE_is_FtpCouldntSetType()
    {
        await using var server = new ScriptedFtpServer(async s =>
        {
            using var data = await s.OpenPassiveDataAsync();
            await s.ReadCommandAsync();
            await s.SendAsync("504 no such type\r\n");
            await s.ReadCommandAsync();
        });
        await Expect(server, "/f", CurlCode.FtpCouldntSetType);
    }

    [Fact]
    public async Task A_CR_LF_in_the_URL_path_never_reaches_the_server()
    {
        await using var server = new ScriptedFtpServer(async s => { await s.LoginAndServeUntilAsync(_ => false); });
        using var t = new TestTransfer(server.BaseUrl + "/a%0d%0aDELE%20x");
        await t.PerformExpecting(CurlCode.UrlMalformat);
        Assert.Empty(t.Ledger.OpenAttempts);   // refused while the path is read, before any connection
    }
}
