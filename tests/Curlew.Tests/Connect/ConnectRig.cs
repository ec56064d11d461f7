using Curlew.Connect;
using Curlew.Sockets;
using Curlew.Tests.Support;
using Curlew.Transfer;
using Curlew.Url;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// The connection layer without an easy handle: a socket factory wired to a <see cref="CallbackLedger"/> (the user's
/// view of rule 5) and an internal <see cref="SocketLedger"/> (Curlew's view), plus settings, routes and I/O contexts.
/// </summary>
internal sealed class ConnectRig
{
    public ConnectRig()
    {
        using var easy = new CurlEasy();   // only to borrow the ledger's callbacks as Install sets them
        Callbacks.Install(easy);
        Factory = new SocketFactory(new SocketCallbacks(easy.OpenSocketFunction, easy.OpenSocketData,
            easy.SockOptFunction, easy.SockOptData, easy.CloseSocketFunction, easy.CloseSocketData), Ledger);
        Pool = new ConnectionPool(Ledger);
    }

    public CallbackLedger Callbacks { get; } = new();
    public SocketLedger Ledger { get; } = new();
    public SocketFactory Factory { get; }
    public ConnectionPool Pool { get; }
    public RoutePlanner Routes { get; } = new();

    /// <summary>Settings as a perform would snapshot them from options with libcurl's defaults, changed by <paramref name="change"/>.</summary>
    public static ConnectSettings Settings(Action<EasyOptions>? change = null)
    {
        var options = new EasyOptions();
        change?.Invoke(options);
        return ConnectSnapshot.From(options);
    }

    public Route Route(string url, ConnectSettings settings) => Routes.Plan(CurlUrl.Parse(url), settings);

    public ConnectionProvider Provider(ConnectSettings settings) => new(settings, Pool, Routes, Factory);

    public static IoContext Io(bool synchronous, long timeoutMs = 0) => new(synchronous, timeoutMs, CancellationToken.None);

    /// <summary>Every socket opened reached the close callback exactly once, seen from outside and from inside.</summary>
    public void AssertBalanced()
    {
        Callbacks.AssertBalanced();
        Assert.True(Ledger.OpenSocketIds().Count == 0, $"internal ledger: sockets left open {string.Join(",", Ledger.OpenSocketIds())}. {Callbacks.Describe()}");
        Assert.True(Ledger.DoubleClosedSocketIds().Count == 0, $"internal ledger: sockets closed twice. {Callbacks.Describe()}");
    }
}
