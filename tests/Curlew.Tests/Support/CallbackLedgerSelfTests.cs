using System.Net;
using System.Net.Sockets;
using Xunit;
using Xunit.Sdk;

namespace Curlew.Tests.Support;

/// <summary>The ledger itself catches each kind of imbalance, so a green lifecycle test means something.</summary>
public sealed class CallbackLedgerSelfTests
{
    private static readonly CurlSockAddr Target = new(new IPEndPoint(IPAddress.Loopback, 80));

    [Fact]
    public void Ledger_is_balanced_after_one_open_and_one_close()
    {
        var (easy, ledger) = Installed();
        var socket = easy.OpenSocketFunction!(ledger, CurlSockType.IpCxn, Target)!;
        easy.CloseSocketFunction!(ledger, socket);
        ledger.AssertBalanced();
        Assert.True(socket.SafeHandle.IsClosed);
    }

    [Fact]
    public void Ledger_reports_a_socket_that_was_never_closed()
    {
        var (easy, ledger) = Installed();
        using var socket = easy.OpenSocketFunction!(ledger, CurlSockType.IpCxn, Target)!;
        var failure = Assert.Throws<FailException>(ledger.AssertBalanced);
        Assert.Contains("never closed", failure.Message);
    }

    [Fact]
    public void Ledger_reports_a_double_close()
    {
        var (easy, ledger) = Installed();
        ledger.DisposeOnClose = false;
        using var socket = easy.OpenSocketFunction!(ledger, CurlSockType.IpCxn, Target)!;
        easy.CloseSocketFunction!(ledger, socket);
        easy.CloseSocketFunction!(ledger, socket);
        var failure = Assert.Throws<FailException>(ledger.AssertBalanced);
        Assert.Contains("closed twice", failure.Message);
    }

    [Fact]
    public void Ledger_reports_a_close_of_a_socket_it_never_opened()
    {
        var (easy, ledger) = Installed();
        using var foreign = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        easy.CloseSocketFunction!(ledger, foreign);
        var failure = Assert.Throws<FailException>(ledger.AssertBalanced);
        Assert.Contains("never handed out", failure.Message);
    }

    [Fact]
    public void Ledger_reports_a_socket_Curlew_disposed_before_the_close_callback()
    {
        var (easy, ledger) = Installed();
        var socket = easy.OpenSocketFunction!(ledger, CurlSockType.IpCxn, Target)!;
        socket.Dispose();
        easy.CloseSocketFunction!(ledger, socket);
        var failure = Assert.Throws<FailException>(ledger.AssertBalanced);
        Assert.Contains("already disposed", failure.Message);
    }

    [Fact]
    public void Ledger_reports_a_clientp_that_is_not_the_ledger()
    {
        var (easy, ledger) = Installed();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        easy.SockOptFunction!(new object(), socket, CurlSockType.IpCxn);
        var failure = Assert.Throws<FailException>(ledger.AssertBalanced);
        Assert.Contains("instead of the ledger", failure.Message);
    }

    [Fact]
    public void Ledger_records_a_rewrite_made_by_its_open_hook()
    {
        var (easy, ledger) = Installed();
        ledger.OnOpen = address =>
        {
            address.Address = new IPEndPoint(IPAddress.Loopback, 8080);
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };
        var target = new CurlSockAddr(new IPEndPoint(IPAddress.Loopback, 80));
        var socket = easy.OpenSocketFunction!(ledger, CurlSockType.IpCxn, target)!;
        easy.CloseSocketFunction!(ledger, socket);
        var open = Assert.Single(ledger.Opens);
        Assert.Equal(80, open.Port);
        Assert.Contains("rewritten to 127.0.0.1:8080", open.Detail);
        ledger.AssertBalanced();
    }

    private static (CurlEasy Easy, CallbackLedger Ledger) Installed()
    {
        var easy = new CurlEasy();
        return (easy, new CallbackLedger().Install(easy));
    }
}
