using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>
/// Property: callbacks that refuse, throw, answer nonsense or hand over unusable sockets, in any combination and with
/// cancellation at random moments, never crash Curlew or leak a socket; they end the transfer with a curl code.
/// </summary>
public class HostileCallbackTests : IClassFixture<KestrelFixture>
{
    private readonly KestrelTestServer _server;

    public HostileCallbackTests(KestrelFixture fixture) => _server = fixture.Server;

    public sealed record Misbehaviour(int Open, int SockOpt, bool CloseThrows, int Write, int Header, int Progress, string Path, bool Async, int CancelAfterMs)
    {
        public override string ToString() =>
            $"open={Open} sockopt={SockOpt} closeThrows={CloseThrows} write={Write} header={Header} progress={Progress} path={Path} async={Async} cancel={CancelAfterMs}";
    }

    private static readonly Gen<Misbehaviour> Misbehaviours =
        from open in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 5)))
        from sockopt in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 4)))
        from closeThrows in Gen.Elements(false, false, true)
        from write in Gen.Frequency((4, Gen.Constant(0)), (3, Gen.Choose(1, 4)))
        from header in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(1, 2)))
        from progress in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Choose(1, 2)))
        from path in Gen.Elements("/hello", "/bytes/200000", "/chunked/100000", "/redirect/302?to=/hello", "/slow-body/50")
        from useAsync in Gen.Elements(true, false)
        from cancel in Gen.Frequency((3, Gen.Constant(-1)), (1, Gen.Choose(0, 40)))
        select new Misbehaviour(open, sockopt, closeThrows, write, header, progress, path, useAsync, useAsync ? cancel : -1);

    [Fact]
    public void Misbehaving_callbacks_end_the_transfer_with_a_curl_code_and_leak_nothing()
    {
        _okTransfers = 0;
        _socketsOpened = 0;
        var property = Prop.ForAll(Arb.From(Misbehaviours), (Misbehaviour m) => RunOne(m));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300), property);
        // The property is only worth something if the cases really reached the server: some must have opened sockets
        // and some (those without misbehaviour) must have succeeded.
        Assert.True(_socketsOpened > 0, "no case opened a socket, so a balanced ledger proved nothing");
        Assert.True(_okTransfers > 0, "no case succeeded, not even one with well-behaved callbacks");
    }

    private int _okTransfers;
    private int _socketsOpened;

    private void RunOne(Misbehaviour m)
    {
        var easy = new CurlEasy
        {
            Url = $"http://multi.test:{_server.Port}{m.Path}",
            Resolve = [$"multi.test:{_server.Port}:127.0.0.1,127.0.0.1"],
            FollowLocation = true,
            TimeoutMs = 10_000,
        };
        var ledger = new CallbackLedger().Install(easy);
        int opens = 0;
        ledger.OnOpen = address => (m.Open, Interlocked.Increment(ref opens)) switch
        {
            (1, _) => null,
            (2, _) => throw new InvalidOperationException("open callback exploded"),
            (3, _) => new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp),   // wrong family for an IPv4 target
            (4, _) => ConnectedElsewhere(address.Family),                                            // already connected, but sockopt does not say so
            (5, 1) => null,                                                                          // refuse the first address only
            _ => new Socket(address.Family, address.SocketType, address.Protocol),
        };
        ledger.OnSockOpt = (_, _) => m.SockOpt switch
        {
            1 => SockOptResult.Error,
            2 => throw new InvalidOperationException("sockopt callback exploded"),
            3 => (SockOptResult)7,
            4 => (SockOptResult)(-1),
            _ => SockOptResult.Ok,
        };
        if (m.CloseThrows)
        {
            var close = easy.CloseSocketFunction!;
            easy.CloseSocketFunction = (clientp, socket) => { close(clientp, socket); throw new InvalidOperationException("close callback exploded"); };
        }
        int writes = 0;
        easy.WriteFunction = (data, _) => (m.Write, ++writes) switch
        {
            (1, _) => data.Length / 2,
            (2, 2) => throw new InvalidOperationException("write callback exploded"),
            (3, _) => -1,
            (4, _) => long.MaxValue,
            _ => data.Length,
        };
        easy.HeaderFunction = (data, _) => m.Header switch
        {
            1 => throw new InvalidOperationException("header callback exploded"),
            2 => 0,
            _ => data.Length,
        };
        if (m.Progress != 0)
        {
            int calls = 0;
            easy.NoProgress = false;
            easy.XferInfoFunction = (_, _, _, _, _) => m.Progress == 1 ? (++calls > 3 ? 1 : 0) : throw new InvalidOperationException("progress callback exploded");
        }

        CurlCode? code = null;
        try
        {
            if (m.Async)
            {
                using var cts = m.CancelAfterMs >= 0 ? new CancellationTokenSource(m.CancelAfterMs) : new CancellationTokenSource();
                code = easy.PerformAsyncGuarded(cts.Token, ledger).GetAwaiter().GetResult();
            }
            else code = easy.PerformGuarded(ledger).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (m.CancelAfterMs >= 0) { }

        Assert.True(code != CurlCode.FailedInit, $"{m}: internal error: {easy.ErrorMessage}");
        // A transfer that ran to a result went through the connect phase, so the open callback was asked at least once
        // (unless the progress callback, which libcurl already calls before connecting, ended it first).
        if (code is not null && m.Progress == 0)
            Assert.True(ledger.OpenAttempts.Count >= 1, $"{m}: {code} without the open callback ever being called. {ledger.Describe()}");
        if (code == CurlCode.Ok) Interlocked.Increment(ref _okTransfers);
        _socketsOpened += ledger.Opens.Count;
        if (code is { } c && c != CurlCode.Ok)
            Assert.False(string.IsNullOrWhiteSpace(easy.ErrorMessage), $"{m}: {c} without a message");
        if (code == CurlCode.AbortedByCallback && easy.CallbackException is { } thrown)
            Assert.Contains("exploded", thrown.Message);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    private Socket ConnectedElsewhere(AddressFamily family)
    {
        var s = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        s.Connect(System.Net.IPAddress.Loopback, _server.Port);
        return s;
    }
}
