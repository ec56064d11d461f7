using System.Text;
using Curlew.Connect.Tcp;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Transfer;

/// <summary>
/// PerformAsync started on an application thread of its own (no pool thread, no synchronization context) connects and
/// waits for its answers off the runtime's event loop, and an answer later than the short wait in place is waited for
/// by Curlew's readiness waiter, whose thread may carry the rest of the transfer. What the application sees must not
/// change: every transfer right on a reused connection, its own continuations never on the waiter's thread, and a
/// callback that blocks on another transfer does not stall that one. Against in-process Kestrel.
/// </summary>
public sealed class WaitingCallerTests
{
    private static Task OnOwnThread(Func<Task> work) =>
        Task.Factory.StartNew(() => work().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    [Fact]
    public async Task Keep_alive_transfers_from_the_callers_thread_are_all_right_and_the_applications_continuations_stay_off_the_waiter()
    {
        await using var server = await KestrelTestServer.StartAsync();
        int onWaiter = 0, ok = 0;
        await OnOwnThread(async () =>
        {
            using var easy = new CurlEasy { Url = server.BaseUrl + "/hello" };
            var body = new MemoryStream();
            easy.WriteFunction = (data, _) => { body.Write(data); return data.Length; };
            for (int i = 0; i < 60; i++)
            {
                body.SetLength(0);
                var code = await easy.PerformAsync();
                if (ReadinessWaiter.OnWaiterThread) onWaiter++;
                if (code == CurlCode.Ok && Encoding.ASCII.GetString(body.ToArray()) == "hello world\n") ok++;
                if (i % 2 == 0) await Task.Yield();   // back and forth between the own thread and the pool
            }
        });
        Assert.Equal(60, ok);
        Assert.Equal(0, onWaiter);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task A_write_callback_that_waits_for_another_transfer_does_not_stall_it()
    {
        await using var server = await KestrelTestServer.StartAsync();
        CurlCode first = CurlCode.Ok, second = CurlCode.Ok;
        bool secondFinished = false;
        await OnOwnThread(async () =>
        {
            using var easy = new CurlEasy { Url = server.BaseUrl + "/hello" };
            bool started = false;
            easy.WriteFunction = (data, _) =>
            {
                if (started) return data.Length;
                started = true;
                // Wherever this runs (possibly the readiness waiter's thread), a transfer that another thread of the
                // application starts now, and that this callback waits for, must finish.
                var other = new Thread(() =>
                {
                    using var easy2 = new CurlEasy { Url = server.BaseUrl + "/bytes/1000" };
                    easy2.WriteFunction = (d, _) => d.Length;
                    second = easy2.PerformAsync().GetAwaiter().GetResult();
                }) { IsBackground = true };
                other.Start();
                secondFinished = other.Join(TimeSpan.FromSeconds(20));
                return data.Length;
            };
            first = await easy.PerformAsync();
        });
        Assert.True(secondFinished, "the second transfer stalled while the first one's callback waited for it");
        Assert.Equal(CurlCode.Ok, second);
        Assert.Equal(CurlCode.Ok, first);
    }

    [Fact]
    public async Task Cancelling_a_PerformAsync_from_the_callers_thread_ends_its_task_cancelled_with_the_callers_token()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var cts = new CancellationTokenSource();
        Task<CurlCode>? task = null;
        await OnOwnThread(() =>
        {
            var easy = new CurlEasy { Url = server.BaseUrl + "/slow-body/3000" };
            easy.WriteFunction = (data, _) => data.Length;
            task = easy.PerformAsync(cts.Token);
            task.ContinueWith(_ => easy.Dispose(), TaskScheduler.Default);
            return Task.CompletedTask;
        });
        await Task.Delay(200);
        await cts.CancelAsync();
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task!);
        Assert.True(task!.IsCanceled);
        Assert.Equal(cts.Token, thrown.CancellationToken);
    }

    // A peer that takes the connection (the kernel does, for a listener that never accepts) and never answers: the
    // answer wait misses the spin and goes to the readiness waiter, where the cancellation or the deadline finds it.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wait_for_an_answer_that_never_comes_ends_on_cancel_or_timeout_and_closes_its_socket_once(bool byTimeout)
    {
        using var silent = new Curlew.Tests.Support.SilentListener();
        using var cts = new CancellationTokenSource();
        var ledger = new Curlew.Tests.Support.CallbackLedger();
        Task<CurlCode>? task = null;
        var easy = new CurlEasy { Url = $"http://127.0.0.1:{silent.Port}/never" };
        try
        {
            ledger.Install(easy);
            if (byTimeout) easy.TimeoutMs = 300;
            await OnOwnThread(() =>
            {
                task = easy.PerformAsync(cts.Token);
                return Task.CompletedTask;
            });
            if (byTimeout)
            {
                Assert.Equal(CurlCode.OperationTimedout, await task!.WaitAsync(TimeSpan.FromSeconds(20)));
            }
            else
            {
                await Task.Delay(200);
                Assert.False(task!.IsCompleted, "the transfer ended although nothing answered");
                await cts.CancelAsync();
                var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task.WaitAsync(TimeSpan.FromSeconds(20)));
                Assert.Equal(cts.Token, thrown.CancellationToken);
            }
            Assert.True(silent.AnyoneConnected);
        }
        finally
        {
            easy.Dispose();
        }
        Assert.Single(ledger.Opens);
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_refused_connect_from_the_callers_thread_is_error_7_with_curls_wording()
    {
        int port;
        using (var probe = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp))
        {
            probe.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
            port = ((System.Net.IPEndPoint)probe.LocalEndPoint!).Port;   // bound, never listening: refused
        }
        CurlCode code = CurlCode.Ok;
        string? message = null;
        await OnOwnThread(async () =>
        {
            using var easy = new CurlEasy { Url = $"http://127.0.0.1:{port}/" };
            code = await easy.PerformAsync();
            message = easy.ErrorMessage;
        });
        Assert.Equal(CurlCode.CouldntConnect, code);
        Assert.StartsWith($"Failed to connect to 127.0.0.1 port {port} after ", message);
        Assert.Contains("Couldn't connect to server", message);
    }
}
