using System.Net.Security;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// A real SslStream client handshake over <see cref="FilterStream"/> against a real socket peer that resets or stalls:
/// SslStream wraps what comes from below, and the lower filter's CurlCode must survive it.
/// </summary>
public sealed class FilterStreamTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reset_under_an_SslStream_handshake_comes_out_as_RecvError_56(bool synchronous)
    {
        await using var peer = FaultServer.Start(async (socket, ct) =>
        {
            var hello = new byte[1];
            await socket.ReceiveAsync(hello, SocketFlags.None, ct);   // the ClientHello has begun: now reset
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        });

        var error = await HandshakeFailure(peer, synchronous, timeoutMs: 10_000);

        Assert.True(error.Code == CurlCode.RecvError, $"expected RecvError (56) from the socket filter, got {error.Code}: {error.Message}");
        Assert.Contains("reset", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_peer_that_stalls_under_an_SslStream_handshake_gives_the_transfer_timeout_28(bool synchronous)
    {
        await using var peer = FaultServer.Start(FaultScripts.WaitForClientCloseAsync);

        var error = await HandshakeFailure(peer, synchronous, timeoutMs: 400);

        Assert.True(error.Code == CurlCode.OperationTimedout, $"expected OperationTimedout (28), got {error.Code}: {error.Message}");
        Assert.StartsWith("Operation timed out after ", error.Message);
    }

    [Fact]
    public void Unwrap_finds_the_CurlException_however_deeply_a_Stream_layer_wrapped_it()
    {
        var original = new CurlException(CurlCode.SendError, "Send failure: Broken pipe");
        var crossing = new FilterStreamException(original);
        var wrapped = new System.Security.Authentication.AuthenticationException("handshake failed", new IOException("outer", crossing));

        Assert.IsAssignableFrom<IOException>(crossing);
        Assert.Same(original, FilterStreamException.Unwrap(wrapped));
        Assert.Same(original, FilterStreamException.Unwrap(new AggregateException(wrapped)));
        Assert.Null(FilterStreamException.Unwrap(new IOException("Received an unexpected EOF")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_ahead_takes_what_has_arrived_in_one_receive_and_hands_it_out_in_order(bool synchronous)
    {
        const int sent = 48 * 1024, record = 16 * 1024;   // three SslStream-sized reads; fits the default receive buffer
        var pattern = Enumerable.Range(0, sent).Select(i => (byte)(i * 7 + i / 251)).ToArray();
        await using var peer = FaultServer.Start(async (socket, ct) =>
        {
            await socket.SendAsync(pattern, SocketFlags.None, ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings();
        using var io = ConnectRig.Io(synchronous, timeoutMs: 10_000);
        var connection = await new ConnectionBuilder(settings, rig.Factory).BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics());
        try
        {
            var counting = new CountingLayer(connection.Top);
            var stream = new FilterStream(counting, io) { ReadAhead = true };
            await WaitUntilQueued(connection, sent);

            var got = new List<byte>();
            var piece = new byte[record];
            for (int i = 0; i < 2; i++)
            {
                int n = synchronous ? stream.Read(piece) : await stream.ReadAsync(piece);
                Assert.Equal(record, n);
                got.AddRange(piece);
                Assert.True(stream.HasReadAhead, "the bytes read ahead should wait in the stream");
            }
            Assert.Equal(1, counting.Receives);   // one receive below took all that had arrived

            stream.ReadAhead = false;   // the long body ends: what is held still comes first, in order
            int last = synchronous ? stream.Read(piece) : await stream.ReadAsync(piece);
            got.AddRange(piece.AsSpan(0, last).ToArray());
            Assert.False(stream.HasReadAhead);
            Assert.Equal(1, counting.Receives);
            Assert.Equal(pattern, got.ToArray());
        }
        finally { connection.Close(); }
        rig.AssertBalanced();
    }

    [Fact]
    public async Task Without_read_ahead_each_read_goes_below_with_the_readers_own_size()
    {
        await using var peer = FaultServer.Start(async (socket, ct) =>
        {
            await socket.SendAsync(new byte[4096], SocketFlags.None, ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings();
        using var io = ConnectRig.Io(synchronous: false, timeoutMs: 10_000);
        var connection = await new ConnectionBuilder(settings, rig.Factory).BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics());
        try
        {
            var counting = new CountingLayer(connection.Top);
            var stream = new FilterStream(counting, io);
            await WaitUntilQueued(connection, 4096);
            Assert.Equal(1000, await stream.ReadAsync(new byte[1000]));
            Assert.Equal(1000, await stream.ReadAsync(new byte[1000]));
            Assert.Equal(2, counting.Receives);
            Assert.Equal([1000, 1000], counting.Asked);
            Assert.False(stream.HasReadAhead);
        }
        finally { connection.Close(); }
        rig.AssertBalanced();
    }

    // Waits (bounded) until the kernel holds all the peer sent, so what one receive returns is certain.
    private static async Task WaitUntilQueued(Connection connection, int bytes)
    {
        var socket = Assert.IsType<Curlew.Connect.Tcp.SocketFilter>(connection.Top).Socket.Socket;
        for (int i = 0; socket.Available < bytes; i++)
        {
            Assert.True(i < 500, $"only {socket.Available} of {bytes} bytes arrived");
            await Task.Delay(10);
        }
    }

    /// <summary>Passes reads and writes through, counting the receives and what each asked for.</summary>
    private sealed class CountingLayer(ConnectionFilter below) : ConnectionFilter(below)
    {
        public int Receives { get; private set; }
        public List<int> Asked { get; } = [];

        public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
        {
            Receives++;
            Asked.Add(buffer.Length);
            return Next!.ReceiveAsync(buffer, io);
        }

        public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io) => Next!.SendAsync(data, io);
    }

    // Builds a plain connection to the peer, runs an SslStream client handshake over a FilterStream on its top filter,
    // and returns the CurlException unwrapped from whatever SslStream threw. The socket must be closed exactly once.
    private static async Task<CurlException> HandshakeFailure(FaultServer peer, bool synchronous, long timeoutMs)
    {
        var rig = new ConnectRig();
        var settings = ConnectRig.Settings();
        using var io = ConnectRig.Io(synchronous, timeoutMs);
        var connection = await new ConnectionBuilder(settings, rig.Factory).BuildAsync(rig.Route(peer.BaseUrl + "/", settings), io, new ConnectMetrics());
        Exception? thrown = null;
        try
        {
            using var tls = new SslStream(new FilterStream(connection.Top, io), leaveInnerStreamOpen: true);
            var options = new SslClientAuthenticationOptions { TargetHost = "peer.test" };
            if (synchronous) tls.AuthenticateAsClient(options);
            else await tls.AuthenticateAsClientAsync(options);
        }
        catch (Exception ex) { thrown = ex; }
        finally { connection.Close(); }

        Assert.NotNull(thrown);
        Assert.IsNotType<CurlException>(thrown);   // it really crossed SslStream, which rewraps what it gets from below
        var unwrapped = FilterStreamException.Unwrap(thrown!);
        Assert.True(unwrapped is not null, $"no CurlException inside what SslStream threw: {thrown}");
        rig.AssertBalanced();
        return unwrapped!;
    }
}
