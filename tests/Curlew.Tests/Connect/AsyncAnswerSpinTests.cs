using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Sockets;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// An asynchronous receive of the answer to what was just sent waits briefly for it (the readiness spinner) when the
/// caller runs on a thread of its own, so the receive completes at once instead of through the event loop and a
/// thread-pool hop; on a thread-pool thread it never busy-waits (other work items need that thread). Real loopback
/// sockets; the peer answers from a thread that watches its socket without sleeping, so answers come within the budget.
/// </summary>
[Collection(WaitSensitiveCollection.Name)]
public sealed class AsyncAnswerSpinTests
{
    private const int Turns = 300;

    [Fact]
    public async Task On_a_thread_of_its_own_the_answer_is_awaited_in_place_and_never_on_a_pool_thread()
    {
        int ownThread = 0;
        var thread = new Thread(() => ownThread = CountAnswersCompletedAtOnce()) { IsBackground = true };
        thread.Start();
        Assert.True(await Task.Run(() => thread.Join(TimeSpan.FromSeconds(60))), "the exchange did not finish");
        int poolThread = await Task.Run(CountAnswersCompletedAtOnce);
        // Without the spin both counts are the answers that happened to be there before the receive looked (0-4 %
        // here; with it, 293-295 of 300 on an own thread): the pool thread's count is that floor, and the own
        // thread's must be well above it.
        Assert.True(ownThread > Turns / 10 && ownThread > 2 * poolThread,
            $"{ownThread} of {Turns} answers taken in place on an own thread, {poolThread} on a pool thread");
    }

    // Sends a request, then starts the receive of its answer: counts the receives that were already complete when
    // ReceiveAsync returned. The peer answers each request as soon as it sees it, a few microseconds later: in time for
    // a spin, too late for a receive that only tries once.
    private static int CountAnswersCompletedAtOnce()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.Connect(listener.LocalEndPoint!);
        using var server = listener.Accept();
        server.NoDelay = true;
        using var stop = new CancellationTokenSource();
        var peer = new Thread(() => AnswerEachByte(server, stop.Token)) { IsBackground = true };
        peer.Start();
        var filter = new SocketFilter(new ManagedSocket(client, 1, CurlSockType.IpCxn, client.RemoteEndPoint, false, false, null, null, new SocketLedger()), client.RemoteEndPoint!);
        using var io = new IoContext(synchronous: false, timeoutMs: 30_000, CancellationToken.None);
        var buffer = new byte[16];
        int completedAtOnce = 0;
        try
        {
            for (int i = 0; i < Turns; i++)
            {
                var sent = filter.SendAsync("?"u8.ToArray(), io);
                Assert.True(sent.IsCompletedSuccessfully, "a one-byte send did not complete at once");
                var received = filter.ReceiveAsync(buffer, io);
                if (received.IsCompleted) completedAtOnce++;
                Assert.Equal(1, received.IsCompleted ? received.Result : received.AsTask().Result);
            }
        }
        finally
        {
            stop.Cancel();
            peer.Join();
            client.Dispose();
        }
        return completedAtOnce;
    }

    private static void AnswerEachByte(Socket server, CancellationToken stop)
    {
        var one = new byte[1];
        while (!stop.IsCancellationRequested)
        {
            if (!server.Poll(0, SelectMode.SelectRead)) { Thread.SpinWait(20); continue; }
            if (server.Receive(one) == 0) return;
            server.Send("!"u8);
        }
    }
}
