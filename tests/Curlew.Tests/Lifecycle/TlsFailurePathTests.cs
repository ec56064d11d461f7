using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>
/// Every way a TLS connection can fail hands its socket to the close callback exactly once, with libcurl's code; and a
/// graceful end sends close_notify before the socket goes. Scripted TLS peers make the faults nginx will not.
/// </summary>
[Collection("nginx-tls")]
public sealed class TlsFailurePathTests(NginxTlsFixture fixture)
{
    private X509Certificate2 ServerCertificate() =>
        X509Certificate2.CreateFromPemFile(fixture.Server.Certificates.CertFile("server"), fixture.Server.Certificates.KeyFile("server"));

    private (CurlEasy Easy, CallbackLedger Ledger, TransferCapture Capture) Handle(FaultServer server, string path = "/")
    {
        var easy = new CurlEasy { Url = $"https://127.0.0.1:{server.Port}{path}", CaInfo = fixture.Server.Certificates.CaFile };
        return (easy, new CallbackLedger().Install(easy), new TransferCapture().Install(easy));
    }

    // Reads the start of the ClientHello, does what the test wants instead of TLS, then waits for the client to go.
    private static Func<Socket, CancellationToken, Task> AfterTheClientHello(Action<Socket> instead) => async (socket, ct) =>
    {
        var first = new byte[1];
        await socket.ReceiveAsync(first, SocketFlags.None, ct);
        instead(socket);
        await FaultScripts.WaitForClientCloseAsync(socket, ct);
    };

    private static void Balanced(CurlEasy easy, CallbackLedger ledger)
    {
        easy.Dispose();
        Assert.Single(ledger.Opens);
        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_server_that_closes_instead_of_answering_the_ClientHello_is_35(bool synchronous)
    {
        await using var server = FaultServer.Start(AfterTheClientHello(socket => socket.Shutdown(SocketShutdown.Send)));
        var (easy, ledger, _) = Handle(server);
        var code = synchronous ? await easy.PerformGuarded(ledger) : await easy.PerformAsyncGuarded(CancellationToken.None, ledger);
        Run.AssertCode(CurlCode.SslConnectError, code, easy, ledger);
        Assert.StartsWith("TLS connect error: ", easy.ErrorMessage);
        Assert.EndsWith($"in connection to 127.0.0.1:{server.Port}", easy.ErrorMessage);
        Balanced(easy, ledger);
    }

    [Fact]
    public async Task A_plain_HTTP_server_answering_a_ClientHello_is_35()
    {
        await using var server = FaultServer.Start(AfterTheClientHello(socket =>
            socket.Send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8)));
        var (easy, ledger, _) = Handle(server);
        Run.AssertCode(CurlCode.SslConnectError, await easy.PerformGuarded(ledger), easy, ledger);
        Balanced(easy, ledger);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_timeout_in_the_middle_of_the_handshake_is_28(bool synchronous)
    {
        await using var server = FaultServer.Start(FaultScripts.WaitForClientCloseAsync);
        var (easy, ledger, _) = Handle(server);
        easy.TimeoutMs = 400;
        var code = synchronous ? await easy.PerformGuarded(ledger) : await easy.PerformAsyncGuarded(CancellationToken.None, ledger);
        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        Balanced(easy, ledger);
    }

    [Fact]
    public async Task Cancelling_PerformAsync_in_the_middle_of_the_handshake_throws_and_closes_the_socket()
    {
        var helloArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            var first = new byte[1];
            await socket.ReceiveAsync(first, SocketFlags.None, ct);   // the ClientHello: now say nothing
            helloArrived.TrySetResult();
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var (easy, ledger, _) = Handle(server);
        using var cancel = new CancellationTokenSource();

        var perform = easy.PerformAsync(cancel.Token);
        // PerformAsync handed the caller a running task while the handshake waits for the server: asynchronous end to end.
        Assert.False(perform.IsCompleted, "PerformAsync completed before the server answered the ClientHello");
        await helloArrived.Task.WaitAsync(Run.HangLimit);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => perform.WaitAsync(Run.HangLimit));
        Balanced(easy, ledger);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_reset_in_the_middle_of_a_TLS_record_is_56(bool synchronous)
    {
        using var certificate = ServerCertificate();
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await using var peer = await TlsScriptPeer.AcceptAsync(socket, certificate, tls12Only: false, ct);
            await peer.ReadRequestHeadAsync(ct);
            await peer.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", ct);
            await peer.SendHalfARecordThenResetAsync(new byte[8000], ct);
        });
        var (easy, ledger, _) = Handle(server);
        var code = synchronous ? await easy.PerformGuarded(ledger) : await easy.PerformAsyncGuarded(CancellationToken.None, ledger);
        Run.AssertCode(CurlCode.RecvError, code, easy, ledger);
        Balanced(easy, ledger);
    }

    [Fact]
    public async Task A_verification_failure_closes_the_socket_once_and_sends_no_request()
    {
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            using var certificate = ServerCertificate();
            await using var peer = await TlsScriptPeer.AcceptAsync(socket, certificate, tls12Only: false, ct);
            await peer.ReadRequestHeadAsync(ct);
        });
        var (easy, ledger, _) = Handle(server);
        easy.CaInfo = fixture.Server.Certificates.OtherCaFile;
        Run.AssertCode(CurlCode.PeerFailedVerification, await easy.PerformGuarded(ledger), easy, ledger);
        Balanced(easy, ledger);
    }

    [Fact]
    public async Task A_graceful_end_sends_close_notify_before_the_socket_reaches_the_close_callback()
    {
        using var certificate = ServerCertificate();
        var lastRecord = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await using var peer = await TlsScriptPeer.AcceptAsync(socket, certificate, tls12Only: true, ct);
            await peer.ReadRequestHeadAsync(ct);
            await peer.SendAsync("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", ct);
            var rest = new byte[256];
            while (await peer.Tls.ReadAsync(rest, ct) > 0) { }
            lastRecord.TrySetResult(peer.LastRecordType());
        });
        var (easy, ledger, capture) = Handle(server, "/hello");
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal("hello", capture.Text);
        Assert.Empty(ledger.Closes);   // kept alive in the pool
        easy.Dispose();                // closes the pooled connection
        Assert.Equal(0x15, await lastRecord.Task.WaitAsync(Run.HangLimit));   // an alert record: close_notify (TLS 1.2 sends it in clear type)
        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_refusal_while_a_large_body_goes_out_over_TLS_stops_the_upload_instead_of_blocking(bool synchronous)
    {
        using var certificate = ServerCertificate();
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await using var peer = await TlsScriptPeer.AcceptAsync(socket, certificate, tls12Only: false, ct);
            await peer.ReadRequestHeadAsync(ct);
            await peer.SendAsync("HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\nno way", ct);
            await Task.Delay(Timeout.Infinite, ct);   // reads none of the body, and keeps the connection open
        });
        var (easy, ledger, capture) = Handle(server, "/upload");
        easy.PostFields = new byte[64 * 1024 * 1024];   // far more than the socket buffers hold
        easy.TimeoutMs = 25_000;
        var code = synchronous ? await easy.PerformGuarded(ledger) : await easy.PerformAsyncGuarded(CancellationToken.None, ledger);
        Run.AssertOk(code, easy, ledger);
        Assert.Equal(403, easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("no way", capture.Text);
        Balanced(easy, ledger);
    }
}
