using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Sockets;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// An asynchronous receive of the answer to what was just sent waits briefly for it (the readiness spinner) only on
/// the application thread that started the transfer with PerformAsync (<see cref="IoContext.OnWaitingCaller"/>): the
/// receive then completes at once instead of through the event loop and a thread-pool hop. A transfer a multi or the
/// HTTP handler runs (started without <c>callerWaits</c>) and anything on a thread-pool thread never busy-waits. Real
/// loopback sockets; the peer answers from a thread that watches its socket without sleeping, so answers come within
/// the spin's budget and a receive that only tries once just misses them. Answers later than the spin are waited for
/// by Curlew's readiness waiter on the caller's transfers, so the socket stays off the runtime's event loop (where the
/// next answer could not be taken in place profitably), and through that loop anywhere else.
/// </summary>
[Collection(WaitSensitiveCollection.Name)]
public sealed class AsyncAnswerSpinTests
{
    private const int Turns = 300;
    private const int Attempts = 3;   // the best of three: a burst of load on the machine can spoil one

    private static Task<int> OnOwnThread(bool callerWaits) =>
        Task.Factory.StartNew(() => BestOf(callerWaits), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task The_answer_is_awaited_in_place_on_the_thread_that_started_the_transfer()
    {
        int inPlace = await OnOwnThread(callerWaits: true);
        Assert.True(inPlace > Turns / 2, $"only {inPlace} of {Turns} answers were taken in place");
    }

    [Fact]
    public async Task A_transfer_started_by_the_library_itself_never_waits_in_place_even_on_its_own_thread()
    {
        int inPlace = await OnOwnThread(callerWaits: false);   // as a multi's Perform or the HTTP handler start one
        Assert.True(inPlace < Turns / 10, $"{inPlace} of {Turns} answers were taken in place without a waiting caller");
    }

    [Fact]
    public async Task On_a_thread_pool_thread_the_receive_never_waits_in_place()
    {
        int inPlace = await Task.Run(() => BestOf(callerWaits: true));
        Assert.True(inPlace < Turns / 10, $"{inPlace} of {Turns} answers were taken in place on a pool thread");
    }

    [Fact]
    public async Task Answers_later_than_the_spin_are_waited_for_off_the_runtimes_event_loop_on_the_callers_thread()
    {
        var (answers, onEventLoop) = await Task.Factory.StartNew(() => LateAnswers(callerWaits: true), CancellationToken.None,
            TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.Equal(LateTurns, answers);
        Assert.False(onEventLoop, "a late answer put the socket on the runtime's event loop");
    }

    [Fact]
    public async Task On_a_thread_pool_thread_a_late_answer_is_waited_for_through_the_runtimes_event_loop()
    {
        var (answers, onEventLoop) = await Task.Run(() => LateAnswers(callerWaits: true));
        Assert.Equal(LateTurns, answers);
        Assert.True(onEventLoop, "a pool thread's wait never went through the runtime's loop");
    }

    private const int LateTurns = 40;

    // Each answer comes about a millisecond after its request, far later than the spin's 50 µs: the receive waits.
    private static (int Answers, bool OnEventLoop) LateAnswers(bool callerWaits)
    {
        var result = Exchange(LateTurns, callerWaits, answerDelayMs: 1);
        return (result.Answers, result.OnEventLoop);
    }

    private static int BestOf(bool callerWaits)
    {
        int best = 0;
        for (int i = 0; i < Attempts; i++) best = Math.Max(best, Exchange(Turns, callerWaits, answerDelayMs: 0).InPlace);
        return best;
    }

    // Sends a one-byte request, then starts the receive of its answer, <paramref name="turns"/> times on one
    // connection (made with a plain blocking connect, so off the event loop to begin with). Counts the receives that
    // were already complete when ReceiveAsync returned (without the spin only an answer that happened to be there
    // first: 0-4 % here) and the right answers, and says whether the socket ended up on the runtime's event loop.
    private static (int InPlace, int Answers, bool OnEventLoop) Exchange(int turns, bool callerWaits, int answerDelayMs)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        using var stop = new CancellationTokenSource();
        var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Socket? server = null;
        Thread? peer = null;
        SocketFilter? filter = null;
        try
        {
            client.Connect(listener.LocalEndPoint!);
            server = listener.Accept();
            server.NoDelay = true;
            var serving = server;
            peer = new Thread(() => AnswerEachByte(serving, stop.Token, answerDelayMs)) { IsBackground = true };
            peer.Start();
            filter = new SocketFilter(new ManagedSocket(client, 1, CurlSockType.IpCxn, client.RemoteEndPoint, false, false, null, null, new SocketLedger()), client.RemoteEndPoint!, onEventLoop: false);
            using var io = new IoContext(synchronous: false, timeoutMs: 30_000, CancellationToken.None, callerWaits);
            var buffer = new byte[16];
            int inPlace = 0, answers = 0;
            for (int i = 0; i < turns; i++)
            {
                var sent = filter.SendAsync("?"u8.ToArray(), io);
                Assert.True(sent.IsCompletedSuccessfully, "a one-byte send did not complete at once");
                var received = filter.ReceiveAsync(buffer, io);
                if (received.IsCompleted) inPlace++;
                int got = received.IsCompleted ? received.Result : received.AsTask().Result;
                if (got == 1 && buffer[0] == (byte)'!') answers++;
            }
            Assert.Equal(turns, answers);
            return (inPlace, answers, filter.OnEventLoop);
        }
        finally
        {
            stop.Cancel();
            peer?.Join();
            if (filter is not null) filter.Close();
            else client.Dispose();
            server?.Dispose();
        }
    }

    private static void AnswerEachByte(Socket server, CancellationToken stop, int delayMs = 0)
    {
        var one = new byte[1];
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (!server.Poll(0, SelectMode.SelectRead)) { Thread.SpinWait(20); continue; }
                if (server.Receive(one) == 0) return;
                if (delayMs > 0) Thread.Sleep(delayMs);
                server.Send("!"u8);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // the client went: so does the peer
    }
}
