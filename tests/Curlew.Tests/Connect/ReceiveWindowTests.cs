using System.Net;
using System.Net.Sockets;
using Curlew.Connect.Tcp;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// The wide receive buffer for a long body on a short path (<see cref="ReceiveWindow"/>), against Debian's nginx on
/// loopback: a long body gets it, a small body does not, a buffer the application sized itself is left alone, and
/// sockets where it cannot apply are refused quietly. Where the system caps buffers below the wide size
/// (<c>net.core.rmem_max</c>), the same cases check that nothing was changed instead.
/// </summary>
public sealed class ReceiveWindowTests : IAsyncLifetime
{
    private NginxServer? _nginx;
    private readonly List<CurlEasy> _handles = new();

    public async Task InitializeAsync() => _nginx = await NginxServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_nginx is not null) await _nginx.DisposeAsync();
    }

    private static int Untouched()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        return probe.ReceiveBufferSize;
    }

    private static bool SystemGrantsWide() =>
        long.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim()) >= ReceiveWindow.WideBytes;

    // Downloads on one handle and returns the connection's socket, still open in the handle's pool.
    private Socket Download(string path, int? appBufferBytes, out long received)
    {
        Socket? seen = null;
        long total = 0;
        var easy = new CurlEasy { Url = _nginx!.BaseUrl + path };
        easy.WriteFunction = (data, _) => { total += data.Length; return data.Length; };
        easy.SockOptFunction = (_, socket, _) =>
        {
            seen = socket;
            if (appBufferBytes is int size) socket.ReceiveBufferSize = size;
            return SockOptResult.Ok;
        };
        Assert.Equal(CurlCode.Ok, easy.Perform());
        received = total;
        _handles.Add(easy);
        return seen ?? throw new InvalidOperationException("the sockopt callback never ran");
    }

    [Fact]
    public void A_long_body_on_loopback_gets_the_wide_buffer()
    {
        try
        {
            var socket = Download("/big.bin", null, out long received);
            Assert.Equal(NginxServer.BigSize, received);
            if (SystemGrantsWide()) Assert.Equal(2 * ReceiveWindow.WideBytes, socket.ReceiveBufferSize);   // Linux doubles what is asked
            else Assert.True(socket.ReceiveBufferSize < 2 * ReceiveWindow.WideBytes, "widened beyond what the system grants");
        }
        finally { DisposeHandles(); }
    }

    [Fact]
    public void The_buffer_is_widened_only_after_the_long_bodys_first_receive()
    {
        // Widened before any body byte arrived, the window opened to the whole buffer at once and a fast copying
        // sender filled it (see ReceiveWindow). The head's read brings the first piece (one delivery); the first
        // receive of the body brings at least the low-water mark, handed on in pieces no larger than the connection's
        // buffer: all of those must still see the kernel's own buffer, and the later ones the wide one.
        try
        {
            Socket? socket = null;
            var seen = new List<int>();
            long total = 0;
            var easy = new CurlEasy { Url = _nginx!.BaseUrl + "/big.bin" };
            _handles.Add(easy);
            easy.SockOptFunction = (_, s, _) => { socket = s; return SockOptResult.Ok; };
            easy.WriteFunction = (data, _) =>
            {
                total += data.Length;
                seen.Add(socket!.ReceiveBufferSize);
                return data.Length;
            };
            Assert.Equal(CurlCode.Ok, easy.Perform());
            Assert.Equal(NginxServer.BigSize, total);
            int wide = 2 * ReceiveWindow.WideBytes;
            if (!SystemGrantsWide())
            {
                Assert.DoesNotContain(wide, seen);
                return;
            }
            int firstWide = seen.IndexOf(wide);
            Assert.True(firstWide >= 2, $"widened before the body's first receive: buffer sizes seen {string.Join(", ", seen.Take(6))}");
            Assert.All(seen.Skip(firstWide), size => Assert.Equal(wide, size));
        }
        finally { DisposeHandles(); }
    }

    [Fact]
    public void A_small_body_keeps_the_kernel_default()
    {
        try
        {
            var socket = Download("/small.txt", null, out long received);
            Assert.Equal(NginxServer.SmallText.Length, received);
            Assert.Equal(Untouched(), socket.ReceiveBufferSize);
        }
        finally { DisposeHandles(); }
    }

    [Fact]
    public void A_buffer_the_application_sized_is_left_alone()
    {
        try
        {
            // Not half the default (64 KiB): Linux doubles it into exactly the default, which reads as untouched.
            var socket = Download("/big.bin", 96 * 1024, out long received);
            Assert.Equal(NginxServer.BigSize, received);
            Assert.Equal(2 * 96 * 1024, socket.ReceiveBufferSize);
        }
        finally { DisposeHandles(); }
    }

    [Fact]
    public void Sockets_it_cannot_apply_to_are_refused_without_an_error()
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        Assert.False(ReceiveWindow.MayWiden(udp));
        using var unconnected = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        int before = unconnected.ReceiveBufferSize;
        Assert.False(ReceiveWindow.TryWiden(unconnected));   // no round-trip time measured yet
        Assert.Equal(before, unconnected.ReceiveBufferSize);
        var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Dispose();
        Assert.False(ReceiveWindow.MayWiden(closed));
        Assert.False(ReceiveWindow.TryWiden(closed));
    }

    [Fact]
    public void A_fresh_loopback_connection_may_be_widened_and_is()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        bool grants = SystemGrantsWide();
        Assert.Equal(grants, ReceiveWindow.MayWiden(client));
        if (!grants) return;   // asserted above: nothing to widen on this system
        Assert.True(ReceiveWindow.TryWiden(client));
        Assert.Equal(2 * ReceiveWindow.WideBytes, client.ReceiveBufferSize);
        Assert.False(ReceiveWindow.TryWiden(client));   // already wide
        Assert.False(ReceiveWindow.MayWiden(client));   // no longer the default: someone sized it
    }

    private void DisposeHandles()
    {
        foreach (var easy in _handles) easy.Dispose();
        _handles.Clear();
    }
}
