using System.Net.Sockets;
using System.Runtime.InteropServices;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>
/// A synchronous upload watches for an early answer without ever making its socket non-blocking: on Linux .NET never
/// turns a socket back to blocking once it was made non-blocking (every later "blocking" call on it is emulated, much
/// slower), and the connection is pooled for later transfers, or it is the application's own socket.
/// </summary>
public sealed class UploadSocketModeTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private const int BodySize = 1024 * 1024;   // many 64 KiB pieces, each sent while watching for an answer

    [Fact]
    public async Task A_synchronous_upload_leaves_its_reused_socket_blocking_at_the_OS_level()
    {
        Socket? socket = null;
        using var t = new TestTransfer(kestrel.BaseUrl + "/echo");
        t.Ledger.OnOpen = address => socket = new Socket(address.Family, address.SocketType, address.Protocol);
        t.Easy.PostFields = KestrelTestServer.Pattern(BodySize);
        t.Easy.HttpHeader = ["Expect:"];   // the body follows the head at once, so every piece goes through the watch

        await t.PerformOk();
        Assert.Equal(BodySize, t.Capture.Body.Length);
        Assert.NotNull(socket);
        Assert.False(IsNonBlockingFd(socket), "after a synchronous upload the socket's descriptor has O_NONBLOCK set: " +
            ".NET now emulates every blocking call on this pooled connection");

        t.Easy.PostFields = null;
        t.Easy.SetOpt(CurlOption.HttpGet, true);
        t.Easy.Url = kestrel.BaseUrl + "/hello";
        await t.PerformOk();
        Assert.True(t.Ledger.Opens.Count == 1, "the GET after the upload did not reuse its connection. " + t.Ledger.Describe());
        Assert.True(socket.Blocking, "Socket.Blocking was left false");
        Assert.False(IsNonBlockingFd(socket), "the descriptor has O_NONBLOCK set after the reused GET");
        t.Finish();
    }

    private static bool IsNonBlockingFd(Socket socket)
    {
        int flags = Fcntl(socket.Handle, FGetFl);
        Assert.True(flags >= 0, $"fcntl(F_GETFL) failed: errno {Marshal.GetLastPInvokeError()}");
        return (flags & ONonBlock) != 0;
    }

    private const int FGetFl = 3, ONonBlock = 0x800;   // Linux values (x86-64 and arm64 alike); the suite runs on Linux

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(IntPtr fd, int command);
}
