using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Review;

/// <summary>A loopback listener whose accept queue is full, so further connects hang (SYNs are dropped).</summary>
internal sealed class BlackholeListener : IDisposable
{
    private readonly Socket _listener;
    private readonly List<Socket> _fillers = [];

    public BlackholeListener()
    {
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(0);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        for (int i = 0; i < 8; i++)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
            try { s.Connect(_listener.LocalEndPoint!); } catch (SocketException) { }
            _fillers.Add(s);
        }
        Thread.Sleep(100);
    }

    public int Port { get; }

    public void Dispose()
    {
        foreach (var s in _fillers) s.Dispose();
        _listener.Dispose();
    }
}

public sealed class ReviewConnectTests
{
    [Fact]
    public async Task An_async_connect_timeout_hands_the_callback_socket_to_the_close_callback_undisposed()
    {
        using var hole = new BlackholeListener();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = $"http://127.0.0.1:{hole.Port}/";
        easy.ConnectTimeoutMs = 300;

        var code = await easy.PerformAsyncGuarded(CancellationToken.None, ledger);

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task Cancelling_a_pending_async_connect_hands_the_callback_socket_to_the_close_callback_undisposed()
    {
        using var hole = new BlackholeListener();
        using var cancel = new CancellationTokenSource(300);
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = $"http://127.0.0.1:{hole.Port}/";

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => easy.PerformAsyncGuarded(cancel.Token, ledger));

        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_synchronous_connect_timeout_closes_the_callback_socket_exactly_once()
    {
        using var hole = new BlackholeListener();
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = $"http://127.0.0.1:{hole.Port}/";
        easy.ConnectTimeoutMs = 300;

        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
