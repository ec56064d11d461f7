using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Sockets;

/// <summary>
/// The SSRF guard on FTP against vsftpd: the passive data connection is an outgoing connection like any other and is
/// judged (here by a port list that lets the control port through but not the data port); active mode's data
/// connection is the server's to make, so the guard leaves it alone.
/// </summary>
[Collection("vsftpd")]
public sealed class SsrfGuardFtpTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    [Theory, InlineData(false), InlineData(true)]
    public async Task A_passive_data_connection_the_guard_refuses_fails_the_transfer(bool epsv)
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpUseEpsv = epsv;
        t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().AllowLoopback().AllowPorts(Server.Port).Build();

        await t.PerformExpecting(CurlCode.CouldntConnect);

        Assert.Matches($"^Connection to 127\\.0\\.0\\.1 port \\d+ refused by the SSRF guard \\(port not allowed\\)$", t.Easy.ErrorMessage);
        Assert.DoesNotContain($"port {Server.Port} ", t.Easy.ErrorMessage);
        Assert.Empty(t.Capture.Body);
        Assert.Single(t.Ledger.OpenAttempts);   // the control connection; the data address never reached the open callback
        t.Finish();
    }

    [Fact]
    public async Task The_same_download_passes_when_the_guard_allows_the_data_port_too()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().AllowLoopback().Build();
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Active_mode_is_not_judged_because_the_server_makes_the_data_connection()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpPort = "-";
        t.Easy.SsrfGuard = SsrfGuard.CreateBuilder().AllowLoopback().AllowPorts(Server.Port).Build();
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        t.Finish();
    }
}
