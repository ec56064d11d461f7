using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// An asynchronous transfer still on the application thread that started it connects without the runtime's event
/// loop (a non-blocking connect and a short wait in place), so the socket stays off that loop; a connect that takes
/// longer goes on through the loop, and a refused one fails as any connect does. Anywhere else (a pool thread, a
/// transfer the library started) the runtime's ConnectAsync is used as before. Real loopback listeners; every socket
/// goes back through the close callback once.
/// </summary>
[Collection(WaitSensitiveCollection.Name)]
public sealed class ConnectInPlaceTests
{
    private static Task<T> OnOwnThread<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(() => work().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static async Task<(bool OnEventLoop, string Greeting)> ConnectAndRead(ConnectRig rig, IPEndPoint target, bool callerWaits)
    {
        var connector = new SocketConnector(rig.Factory, tcpNoDelay: true);
        using var io = new IoContext(synchronous: false, timeoutMs: 20_000, CancellationToken.None, callerWaits);
        var filter = await connector.ConnectAsync([target], "127.0.0.1", target.Port, io);
        try
        {
            bool onEventLoop = filter.OnEventLoop;
            var buffer = new byte[16];
            int n = await filter.ReceiveAsync(buffer, io);
            return (onEventLoop, System.Text.Encoding.ASCII.GetString(buffer, 0, n));
        }
        finally
        {
            filter.Close();
        }
    }

    private static (Socket Listener, Thread Server) Greeter(int backlog = 4, int acceptAfterMs = 0)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(backlog);
        var server = new Thread(() =>
        {
            try
            {
                if (acceptAfterMs > 0) Thread.Sleep(acceptAfterMs);
                while (true)
                {
                    using var accepted = listener.Accept();
                    accepted.Send("hello"u8);   // then closed: the client reads the greeting and the end
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // the listener went
        }) { IsBackground = true };
        server.Start();
        return (listener, server);
    }

    [Fact]
    public async Task On_the_callers_own_thread_the_connect_keeps_the_socket_off_the_event_loop()
    {
        var rig = new ConnectRig();
        var (listener, server) = Greeter();
        try
        {
            var (onEventLoop, greeting) = await OnOwnThread(() => ConnectAndRead(rig, (IPEndPoint)listener.LocalEndPoint!, callerWaits: true));
            Assert.Equal("hello", greeting);
            Assert.False(onEventLoop, "connected in place, yet the socket is on the runtime's event loop");
        }
        finally
        {
            listener.Dispose();
            server.Join();
        }
        rig.AssertBalanced();
    }

    [Fact]
    public async Task On_a_pool_thread_or_for_the_librarys_own_transfers_the_runtimes_connect_is_used()
    {
        var rig = new ConnectRig();
        var (listener, server) = Greeter();
        try
        {
            var target = (IPEndPoint)listener.LocalEndPoint!;
            var (poolOnLoop, poolGreeting) = await Task.Run(() => ConnectAndRead(rig, target, callerWaits: true));
            var (libraryOnLoop, libraryGreeting) = await OnOwnThread(() => ConnectAndRead(rig, target, callerWaits: false));
            Assert.Equal("hello", poolGreeting);
            Assert.Equal("hello", libraryGreeting);
            Assert.True(poolOnLoop);
            Assert.True(libraryOnLoop);
        }
        finally
        {
            listener.Dispose();
            server.Join();
        }
        rig.AssertBalanced();
    }

    [Fact]
    public async Task A_refused_connect_in_place_fails_with_couldnt_connect_and_the_reason()
    {
        var rig = new ConnectRig();
        IPEndPoint dead;
        using (var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            dead = (IPEndPoint)probe.LocalEndPoint!;   // bound, never listening: refused
        }
        var ex = await Assert.ThrowsAsync<CurlException>(() => OnOwnThread(() => ConnectAndRead(rig, dead, callerWaits: true)));
        Assert.Equal(CurlCode.CouldntConnect, ex.Code);
        Assert.Contains("refused", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(ex.InnerException).SocketErrorCode);
        Assert.Contains($"port {dead.Port}", ex.Message);
        rig.AssertBalanced();
    }

    [Fact]
    public async Task A_connect_still_under_way_when_cancelled_throws_and_closes_its_socket_once()
    {
        var rig = new ConnectRig();
        // A full backlog and no accepts: the SYN is dropped and retried, the connect never finishes by itself.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var target = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try { filler.Connect(target); } catch (SocketException) { }
                fillers.Add(filler);
            }
            await Task.Delay(50);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => OnOwnThread(async () =>
            {
                var connector = new SocketConnector(rig.Factory, tcpNoDelay: true);
                using var io = new IoContext(synchronous: false, timeoutMs: 20_000, cts.Token, callerWaits: true);
                var filter = await connector.ConnectAsync([target], "127.0.0.1", target.Port, io);
                filter.Close();
                return 0;
            }));
            Assert.Equal(cts.Token, thrown.CancellationToken);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
        Assert.Single(rig.Callbacks.Opens);
        rig.AssertBalanced();
    }

    [Fact]
    public async Task A_connect_slower_than_the_wait_in_place_goes_on_through_the_event_loop_and_succeeds()
    {
        var rig = new ConnectRig();
        // A full backlog: the kernel drops the next SYN and the client retries it after a second, long after the
        // 50 µs in place; the server starts accepting after 300 ms, so the retried SYN gets through.
        var (listener, server) = Greeter(backlog: 0, acceptAfterMs: 300);
        var fillers = new List<Socket>();
        try
        {
            var target = (IPEndPoint)listener.LocalEndPoint!;
            for (int i = 0; i < 3; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
                try { filler.Connect(target); } catch (SocketException) { }   // in progress: fills the queue
                fillers.Add(filler);
            }
            await Task.Delay(50);
            var (onEventLoop, greeting) = await OnOwnThread(() => ConnectAndRead(rig, target, callerWaits: true));
            Assert.Equal("hello", greeting);
            Assert.True(onEventLoop, "the slow connect should have gone on through the runtime's loop");
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
            listener.Dispose();
            server.Join();
        }
        rig.AssertBalanced();
    }
}
