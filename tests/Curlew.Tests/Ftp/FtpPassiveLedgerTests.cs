using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>Passive mode: the control and the data connection are both opened with IpCxn and each closed exactly once, on success and failure.</summary>
[Collection("vsftpd")]
public sealed class FtpPassiveLedgerTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    [Fact]
    public async Task Control_and_data_are_opened_with_IpCxn_and_the_data_socket_closes_when_the_transfer_ends()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        await t.PerformOk();
        Assert.Equal(2, t.Ledger.Opens.Count);
        Assert.All(t.Ledger.Opens, o => Assert.Equal(CurlSockType.IpCxn, o.Purpose));
        Assert.All(t.Ledger.SockOpts, o => Assert.Equal(CurlSockType.IpCxn, o.Purpose));
        var data = t.Ledger.Opens[1];
        Assert.NotEqual(Server.Port, data.Port);
        Assert.Single(t.Ledger.Closes, c => c.SocketId == data.SocketId);   // the control connection stays pooled
        Assert.Equal(1, t.Ledger.OpenCount);
        t.Finish();   // the control connection goes on Dispose
    }

    [Fact]
    public async Task A_refused_file_after_the_data_connection_was_made_closes_the_data_socket_and_keeps_the_control_connection()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/nope.txt");
        await t.PerformExpecting(CurlCode.RemoteFileNotFound);
        Assert.Equal(2, t.Ledger.Opens.Count);
        Assert.Single(t.Ledger.Closes, c => c.SocketId == t.Ledger.Opens[1].SocketId);
        Assert.Equal(1, t.Ledger.OpenCount);   // as libcurl: a refused command leaves the control connection in step
        t.Finish();                            // and Dispose closes it, once
    }

    [Fact]
    public async Task A_refused_data_socket_is_CouldntConnect_and_the_control_connection_closes_once()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Ledger.OnOpen = address => t.Ledger.OpenAttempts.Count >= 1 ? null : new System.Net.Sockets.Socket(address.Family, address.SocketType, address.Protocol);
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal(0, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task A_sockopt_refusal_of_every_data_socket_is_CouldntConnect_as_libcurl_reports_it()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Ledger.OnSockOpt = (_, _) => t.Ledger.SockOpts.Count >= 1 ? SockOptResult.Error : SockOptResult.Ok;
        await t.PerformExpecting(CurlCode.CouldntConnect);
        Assert.Equal(3, t.Ledger.Opens.Count);   // control, the EPSV data attempt, the PASV one
        Assert.Equal(0, t.Ledger.OpenCount);
        t.Finish();
    }

    [Fact]
    public async Task PerformAsync_downloads_the_same_bytes_as_Perform()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/big.bin");
        var code = await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger);
        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.Equal(KestrelTestServer.Pattern(VsftpdServer.BigSize), t.Capture.Body);
        t.Finish();
    }
}
