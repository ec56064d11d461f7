using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>An FTP control connection (with its login and directory) in a <see cref="CurlShare"/>'s pool serves another handle.</summary>
[Collection("vsftpd")]
public sealed class FtpShareTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    [Fact]
    public async Task A_second_handle_reuses_the_first_ones_logged_in_control_connection_and_the_opener_hears_its_close()
    {
        var share = new CurlShare();
        Assert.Equal(CurlShCode.Ok, share.Share(CurlLockData.Connect));
        var bodyA = new StringBuilder();
        var bodyB = new StringBuilder();
        var a = new CurlEasy { Url = Server.BaseUrl + "/hello.txt", Share = share, WriteFunction = (d, _) => { bodyA.Append(Encoding.UTF8.GetString(d)); return d.Length; } };
        var b = new CurlEasy { Url = Server.BaseUrl + "/pub/a.txt", Share = share, WriteFunction = (d, _) => { bodyB.Append(Encoding.UTF8.GetString(d)); return d.Length; } };
        var la = new CallbackLedger().Install(a);
        var lb = new CallbackLedger().Install(b);

        Run.AssertOk(await a.PerformGuarded(la), a, la);
        Run.AssertOk(await b.PerformGuarded(lb), b, lb);

        Assert.Equal(VsftpdServer.HelloText, bodyA.ToString());
        Assert.Equal(VsftpdServer.PubText, bodyB.ToString());
        Assert.Equal(1, b.GetInfoLong(CurlInfo.NumConnects));   // only its data connection is new
        Assert.Single(lb.Opens);                                  // ... opened through B's callback
        lb.AssertBalanced();                                      // and closed through it
        Assert.Equal(2, la.Opens.Count);                          // A's control and data connections
        Assert.Equal(1, la.OpenCount);                            // the control connection waits in the share
        a.Dispose();
        b.Dispose();
        share.Dispose();                                          // QUIT, then A's close callback, once
        la.AssertBalanced();
        Assert.Equal(2, la.Closes.Count);
    }
}
