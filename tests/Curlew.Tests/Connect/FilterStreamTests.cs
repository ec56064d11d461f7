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
