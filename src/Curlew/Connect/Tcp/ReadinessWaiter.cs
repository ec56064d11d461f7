using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Waits for sockets to become readable on one background thread of Curlew's own (poll through
/// <c>Socket.Select</c>), without the runtime's event loop.
/// </summary>
/// <remarks>
/// Why: the first asynchronous operation on a socket that cannot complete at once makes the runtime watch the socket
/// with its event loop for the rest of the socket's life, and from then on every arrival of data wakes that loop and
/// a thread-pool worker. An asynchronous transfer on the application's own thread waits for its answer in place for
/// a moment first (<see cref="ReadinessSpinner"/>); that only pays on a socket the loop does not watch, so when the
/// answer takes longer it is waited for here instead, and the next answer can again be taken in place. One thread for
/// the process, started at the first such wait; it sleeps in <c>poll</c> while nothing waits, and a datagram on a
/// loopback socket of its own wakes it when a wait is added or cancelled.
/// Where the waiting transfer goes on: when it is the only wait, on this thread (measured: the thread-pool hop, and
/// the pool's workers spinning for more work afterwards, took a quarter to a half of the request rate on two cores);
/// when several are ready together, on the thread pool. A wait is never queued while a transfer goes on on this
/// thread, so no callback that runs here (or blocks here, say on another transfer) can strand another wait: a new
/// wait gives that run up to <see cref="InlineGraceMicros"/> to end (it is usually only unwinding after completing
/// its transfer) and is otherwise refused (<see cref="WaitReadableAsync"/> returns null and the caller waits through
/// the runtime's loop). This thread is never a waiting caller itself (<see cref="OnWaiterThread"/>), and the task of
/// the public PerformAsync runs its continuations asynchronously, so no application code goes on here afterwards.
/// </remarks>
internal sealed class ReadinessWaiter
{
    private static readonly Lazy<ReadinessWaiter?> SharedWaiter = new(Create);

    /// <summary>The process's waiter, or null where it cannot run (no loopback UDP socket): callers then use the runtime's loop.</summary>
    public static ReadinessWaiter? Shared => SharedWaiter.Value;

    private readonly Socket _wakeReader, _wakeWriter;
    private readonly Lock _gate = new();
    private readonly List<Wait> _waits = new();   // under _gate
    private bool _wakePending;                     // under _gate: a wake-up datagram is on its way
    private readonly List<Wait> _polled = new(), _ready = new();
    private readonly List<Socket> _readable = new(), _failed = new();
    private readonly byte[] _drain = new byte[16];
    private static readonly byte[] WakeDatagram = [1];

    private ReadinessWaiter(Socket wakeReader, Socket wakeWriter)
    {
        _wakeReader = wakeReader;
        _wakeWriter = wakeWriter;
        new Thread(Run) { IsBackground = true, Name = "Curlew readiness" }.Start();
    }

    private static ReadinessWaiter? Create()
    {
        Socket? reader = null, writer = null;
        try
        {
            reader = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            writer = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            reader.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            writer.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            reader.Connect(writer.LocalEndPoint!);   // takes datagrams from its writer only: no other process can wake it
            writer.Connect(reader.LocalEndPoint!);
            reader.Blocking = false;                 // drained without ever waiting
            return new ReadinessWaiter(reader, writer);
        }
        catch (Exception ex) when (ex is SocketException or OutOfMemoryException or ThreadStartException)
        {
            reader?.Dispose();
            writer?.Dispose();
            return null;
        }
    }

    /// <summary>
    /// Completes when <paramref name="socket"/> is readable (data, end of stream or an error: the receive that follows
    /// says which), or cancels with <paramref name="token"/>. Null while the waiter's thread is busy with a transfer
    /// that went on there: the caller then waits through the runtime's loop.
    /// </summary>
    public Task? WaitReadableAsync(Socket socket, CancellationToken token)
    {
        if (token.IsCancellationRequested) return Task.FromCanceled(token);
        if (Volatile.Read(ref _runningInline) && !InlineRunEnds()) return null;
        var wait = new Wait(this, socket, token);
        wait.WatchCancellation();   // before the loop can see it: a completion then always finds the registration
        bool added;
        lock (_gate)
        {
            added = !_runningInline;
            if (added) _waits.Add(wait);
        }
        if (!added)
        {
            wait.Abandon();
            return null;
        }
        Wake();
        return wait.Task;
    }

    private bool _runningInline;   // set under _gate: a completed wait's transfer is going on on this thread

    /// <summary>How long a new wait lets a transfer going on on the waiter's thread take to end before it is refused.</summary>
    public const int InlineGraceMicros = 200;
    private static readonly long InlineGraceTicks = Stopwatch.Frequency * InlineGraceMicros / 1_000_000;

    private bool InlineRunEnds()
    {
        long start = Stopwatch.GetTimestamp();
        var spin = new SpinWait();
        while (Volatile.Read(ref _runningInline))
        {
            if (Stopwatch.GetTimestamp() - start > InlineGraceTicks) return false;
            spin.SpinOnce(sleep1Threshold: -1);   // yields now and then: on two cores the waiter may need this one
        }
        return true;
    }

    [ThreadStatic] private static bool t_isWaiterThread;

    /// <summary>Whether the calling thread is the waiter's: a transfer started here never waits in place (see remarks).</summary>
    public static bool OnWaiterThread => t_isWaiterThread;

    private void Wake()
    {
        lock (_gate)
        {
            if (_wakePending) return;
            _wakePending = true;
        }
        try { _wakeWriter.Send(WakeDatagram); }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { }   // the loop still sees new waits within its longest sleep
    }

    // Never more than this between looks at the list, so no wait can be stranded by a lost wake-up datagram.
    private const int LongestSleepMicros = 1_000_000;

    private void Run()
    {
        t_isWaiterThread = true;
        while (true)
        {
            try { PollOnce(); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                // A socket closed under its wait (the transfer was stopped meanwhile): let that wait go, its receive
                // reports the closed socket. Should nothing be closed, let every wait go rather than poll in a loop.
                if (!ReleaseClosed()) ReleaseAll();
            }
        }
    }

    private void PollOnce()
    {
        Drain();
        _polled.Clear();
        lock (_gate)
        {
            _wakePending = false;   // a wait added after this line sends a new datagram
            for (int i = _waits.Count - 1; i >= 0; i--)
            {
                var wait = _waits[i];
                if (!wait.CancelRequested) continue;
                _waits.RemoveAt(i);
                wait.CancelOnThreadPool();   // its socket is out of every poll from here on: the transfer may close it
            }
            _polled.AddRange(_waits);
        }
        _readable.Clear();
        _failed.Clear();
        _readable.Add(_wakeReader);
        foreach (var wait in _polled)
        {
            _readable.Add(wait.Socket);
            _failed.Add(wait.Socket);
        }
        Socket.Select(_readable, null, _failed, LongestSleepMicros);
        _ready.Clear();
        foreach (var wait in _polled)
            if (_readable.Contains(wait.Socket) || _failed.Contains(wait.Socket)) _ready.Add(wait);
        if (_ready.Count == 0) return;
        bool inline;
        lock (_gate)
        {
            foreach (var wait in _ready) _waits.Remove(wait);   // taken out now: never polled (or queued) twice
            // Alone: nothing else waits here, so the transfer may go on on this thread (new waits are refused meanwhile).
            inline = _ready.Count == 1 && _waits.Count == 0;
            _runningInline = inline;
        }
        if (inline)
        {
            try { _ready[0].Complete(); }
            finally { Volatile.Write(ref _runningInline, false); }
            return;
        }
        foreach (var wait in _ready) wait.CompleteOnThreadPool();
    }

    private void Drain()
    {
        try
        {
            while (_wakeReader.Available > 0) _wakeReader.Receive(_drain);
        }
        catch (SocketException) { }   // nothing left to drain (WouldBlock) or a stray error: the poll decides
    }

    private bool ReleaseClosed()
    {
        bool any = false;
        lock (_gate)
        {
            for (int i = _waits.Count - 1; i >= 0; i--)
            {
                if (!IsClosed(_waits[i].Socket)) continue;
                _waits[i].CompleteOnThreadPool();
                _waits.RemoveAt(i);
                any = true;
            }
        }
        return any;
    }

    private static bool IsClosed(Socket socket)
    {
        try { return socket.SafeHandle.IsClosed || socket.SafeHandle.IsInvalid; }
        catch (ObjectDisposedException) { return true; }
    }

    private void ReleaseAll()
    {
        lock (_gate)
        {
            foreach (var wait in _waits) wait.CompleteOnThreadPool();
            _waits.Clear();
        }
    }

    // Continuations run synchronously where the wait completes: inline on the waiter's thread when it is alone, else
    // from a thread-pool item. A cancellation only asks the loop, which takes the wait out of its poll first and then
    // cancels it from a thread-pool item: the transfer's failure path (which closes the socket) never races the poll,
    // and never runs on a timer's thread.
    private sealed class Wait(ReadinessWaiter owner, Socket socket, CancellationToken token) : TaskCompletionSource
    {
        private CancellationTokenRegistration _registration;
        private volatile bool _cancelRequested;

        public Socket Socket { get; } = socket;
        public bool CancelRequested => _cancelRequested;

        public void WatchCancellation()
        {
            if (token.CanBeCanceled) _registration = token.UnsafeRegister(static state => ((Wait)state!).RequestCancel(), this);
        }

        private void RequestCancel()
        {
            _cancelRequested = true;
            owner.Wake();
        }

        public void Abandon() => _registration.Dispose();   // never published: nothing else can complete it

        public void Complete()
        {
            _registration.Dispose();
            TrySetResult();
        }

        public void CompleteOnThreadPool() => ThreadPool.UnsafeQueueUserWorkItem(static wait => wait.Complete(), this, preferLocal: false);

        public void CancelOnThreadPool() => ThreadPool.UnsafeQueueUserWorkItem(static wait =>
        {
            wait._registration.Dispose();
            wait.TrySetCanceled(wait.Token);
        }, this, preferLocal: false);

        private CancellationToken Token => token;
    }
}
