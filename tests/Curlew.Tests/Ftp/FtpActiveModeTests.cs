using System.Net;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>
/// Active mode (FtpPort) against vsftpd, proving API.md rules 1, 2, 4, 5 and 6 for the Accept purpose: one Accept
/// open for the listener (with the local address), a rewritten listener address honoured and announced, one Accept
/// sockopt for the data socket, the listener closed exactly once through the close callback, the accepted socket never.
/// </summary>
[Collection("vsftpd")]
public sealed class FtpActiveModeTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    [Fact]
    public async Task A_download_with_FtpPort_dash_listens_through_one_Accept_open_and_accepts_through_one_Accept_sockopt()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Contains("EPRT |1|127.0.0.1|", sent.Text);
        var listener = Assert.Single(t.Ledger.Opens, o => o.Purpose == CurlSockType.Accept);
        Assert.Equal("127.0.0.1", listener.Address);
        Assert.Equal(0, listener.Port);
        var acceptSockOpt = Assert.Single(t.Ledger.SockOpts, e => e.Purpose == CurlSockType.Accept);
        Assert.Equal(0, acceptSockOpt.SocketId);   // the accepted socket never came from the open callback
        Assert.DoesNotContain(t.Ledger.SockOpts, e => e.SocketId == listener.SocketId);   // rule 4: not the listener
        Assert.Single(t.Ledger.Closes, c => c.SocketId == listener.SocketId);   // closed right after the accept
        Assert.DoesNotContain(t.Ledger.Closes, c => c.SocketId == 0);          // rule 6
        // As libcurl: the listener goes to the close callback right after the accept, before the data socket's sockopt.
        Assert.Equal(
            ["Open IpCxn", "SockOpt IpCxn", "Open Accept", "Close", "SockOpt Accept"],
            t.Ledger.Events.Select(e => e.Kind == LedgerEventKind.Close ? "Close" : $"{e.Kind} {e.Purpose}"));
        t.Finish();
    }

    [Fact]
    public async Task A_rewritten_listener_address_is_where_Curlew_listens_and_what_EPRT_announces()
    {
        int chosen = Run.ClosedPort();
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        t.Ledger.OnOpen = address =>
        {
            if (address.Address is IPEndPoint { Port: 0 } ep && address.Family == System.Net.Sockets.AddressFamily.InterNetwork
                && ep.Address.Equals(IPAddress.Loopback) && t.Ledger.Opens.Count == 1)
                address.Address = new IPEndPoint(IPAddress.Loopback, chosen);
            return new System.Net.Sockets.Socket(address.Family, address.SocketType, address.Protocol);
        };
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Contains($"EPRT |1|127.0.0.1|{chosen}|", sent.Text);
        Assert.Contains(t.Ledger.Opens, o => o.Purpose == CurlSockType.Accept && o.Detail == $"rewritten to 127.0.0.1:{chosen}");
        t.Finish();
    }

    [Fact]
    public async Task A_port_range_in_FtpPort_is_where_the_listener_binds()
    {
        int low = Run.ClosedPort();
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = $"127.0.0.1:{low}-{Math.Min(low + 20, 65535)}";
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        var eprt = sent.Text.Split("\r\n").Single(l => l.StartsWith("EPRT", StringComparison.Ordinal));
        int port = int.Parse(eprt.Split('|')[3], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(port, low, low + 20);
        t.Finish();
    }

    [Fact]
    public async Task PORT_is_used_when_FtpUseEprt_is_off()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/");
        t.Easy.FtpPort = "127.0.0.1";
        t.Easy.FtpUseEprt = false;
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Contains("a.txt", t.Capture.Text);
        Assert.Contains("PORT 127,0,0,1,", sent.Text);
        Assert.DoesNotContain("EPRT", sent.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_sockopt_refusal_of_the_accepted_socket_is_AbortedByCallback_and_the_listener_still_closes_once()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        t.Ledger.OnSockOpt = (_, purpose) => purpose == CurlSockType.Accept ? SockOptResult.Error : SockOptResult.Ok;
        await t.PerformExpecting(CurlCode.AbortedByCallback);
        var listener = Assert.Single(t.Ledger.Opens, o => o.Purpose == CurlSockType.Accept);
        Assert.Single(t.Ledger.Closes, c => c.SocketId == listener.SocketId);
        Assert.DoesNotContain(t.Ledger.Closes, c => c.SocketId == 0);
        t.Finish();
    }

    [Fact]
    public async Task AlreadyConnected_from_sockopt_for_the_accepted_socket_is_also_AbortedByCallback()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        t.Ledger.OnSockOpt = (_, purpose) => purpose == CurlSockType.Accept ? SockOptResult.AlreadyConnected : SockOptResult.Ok;
        await t.PerformExpecting(CurlCode.AbortedByCallback);
        t.Finish();
    }

    [Fact]
    public async Task An_open_callback_refusing_the_listener_is_FtpPortFailed()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        t.Ledger.OnOpen = address => t.Ledger.Opens.Count >= 1 ? null : new System.Net.Sockets.Socket(address.Family, address.SocketType, address.Protocol);
        await t.PerformExpecting(CurlCode.FtpPortFailed);
        Assert.Contains(t.Ledger.OpenAttempts, o => o.Purpose == CurlSockType.Accept && o.Kind == LedgerEventKind.OpenRefused);
        t.Finish();
    }

    [Fact]
    public async Task A_missing_file_in_active_mode_closes_the_listener_once_through_the_callback()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/nope.txt");
        t.Easy.FtpPort = "-";
        await t.PerformExpecting(CurlCode.RemoteFileNotFound);
        var listener = Assert.Single(t.Ledger.Opens, o => o.Purpose == CurlSockType.Accept);
        Assert.Single(t.Ledger.Closes, c => c.SocketId == listener.SocketId);
        Assert.DoesNotContain(t.Ledger.SockOpts, e => e.Purpose == CurlSockType.Accept);
        t.Finish();
    }

    [Fact]
    public async Task An_unresolvable_FtpPort_host_is_FtpPortFailed_before_any_listener_is_opened()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "no-such-interface-or-host.invalid";
        await t.PerformExpecting(CurlCode.FtpPortFailed);
        Assert.DoesNotContain(t.Ledger.OpenAttempts, o => o.Purpose == CurlSockType.Accept);
        t.Finish();
    }

    [Fact]
    public async Task An_upload_in_active_mode_arrives_whole()
    {
        var name = $"active-{Guid.NewGuid():N}.bin";
        var payload = KestrelTestServer.Pattern(200_000);
        using var t = new TestTransfer($"{Server.BaseUrl}/upload/{name}");
        t.Easy.FtpPort = "-";
        t.Easy.SetOpt(CurlOption.Upload, true);
        t.Easy.SetOpt(CurlOption.ReadData, new MemoryStream(payload));
        await t.PerformOk();
        Assert.Equal(payload, await File.ReadAllBytesAsync(Path.Combine(Server.UploadDir, name)));
        Assert.Single(t.Ledger.SockOpts, e => e.Purpose == CurlSockType.Accept);
        t.Finish();
    }
}
