using Curlew.Connect;
using Curlew.Sockets;

namespace Curlew;

/// <summary>
/// Many transfers at once through one handle (libcurl's multi interface, <c>curl_multi_*</c>): add easy handles with
/// <see cref="AddHandle"/>, call <see cref="Perform"/> to start them and collect what finished, <see cref="Poll"/> (or
/// <see cref="Wait"/>) to sleep until something finishes, and <see cref="InfoRead"/> to read one DONE message per
/// finished transfer. <see cref="CompletedAsync"/> does that loop for .NET callers.
/// <para>
/// Connections: every handle in the multi uses the multi's connection cache (unless it has a <see cref="CurlShare"/>
/// sharing CONNECT, whose cache wins, as in libcurl). Connections stay in that cache after the handle that opened them
/// is removed, and close (each through the close-socket callback of the handle that opened it, exactly once) when the
/// cache evicts them or the multi is disposed. <see cref="MaxHostConnections"/> and <see cref="MaxTotalConnections"/>
/// keep transfers pending until a connection is free.
/// </para>
/// <para>
/// Threads, where Curlew differs from libcurl: libcurl moves every transfer only inside <c>curl_multi_perform</c>, so
/// all callbacks run there, on the caller's thread. Curlew's transfers are asynchronous: <see cref="Perform"/> starts
/// the handles added since the last call (each runs on the caller's thread inside Perform until its first wait for
/// the network, so early callbacks such as the open-socket callback may run there) and from then on each transfer runs
/// by itself on the thread pool, also between calls, so callbacks run on thread-pool threads. What is guaranteed: the callbacks of one handle never run at the same time
/// (one transfer is one sequence of steps), while callbacks of different handles may run at the same time, on
/// different threads; a transfer's result becomes visible (running count, DONE message) only at a <see cref="Perform"/>
/// call, as in libcurl. Like libcurl's, the multi handle is for one thread at a time, except <see cref="Wakeup"/>,
/// which any thread may call. Called from a callback of one of its transfers, every call returns
/// <see cref="CurlMCode.RecursiveApiCall"/> (InfoRead returns null), as libcurl does.
/// </para>
/// </summary>
public sealed partial class CurlMulti : IDisposable, IEasyOwner
{
    // The multi whose transfer this code runs in: flows with each transfer (and so into its callbacks), so a callback
    // calling back into its multi is recognised on whatever thread it runs.
    private static readonly AsyncLocal<MultiTransfer?> RunningIn = new();

    private readonly Lock _gate = new();
    private readonly List<MultiTransfer> _transfers = [];   // added order
    private readonly List<MultiTransfer> _finished = [];    // finish order, not yet reported by Perform
    private readonly List<CurlMsg> _messages = [];          // InfoRead's queue
    private readonly ConnectionLimits _limits = new();
    private readonly ConnectionPool _pool;
    private TaskCompletionSource _changed = NewSignal();    // fires when a transfer finishes, on Wakeup, and at the end
    private bool _wakeup;
    private bool _ended;

    /// <summary>Creates a multi handle with libcurl's defaults (<c>curl_multi_init</c>).</summary>
    public CurlMulti() => _pool = new ConnectionPool(new SocketLedger(), _limits);   // sockets are recorded in their opener's ledger

    // Inside a transfer of this multi that has not ended (work a callback started elsewhere counts until then).
    private bool InCallback => RunningIn.Value is { } t && ReferenceEquals(t.Owner, this) && !t.Ended.Task.IsCompleted;

    /// <summary>
    /// Adds <paramref name="easy"/> (<c>curl_multi_add_handle</c>); the next <see cref="Perform"/> starts its transfer
    /// with the options it has then. Returns <see cref="CurlMCode.BadEasyHandle"/> for null or a disposed handle,
    /// <see cref="CurlMCode.AddedAlready"/> when it is in a multi already (this one or another, as libcurl 7.88 says)
    /// or running a Perform of its own, <see cref="CurlMCode.BadHandle"/> after <see cref="Dispose"/>. While the handle
    /// is in a multi, its own <see cref="CurlEasy.Perform"/> returns <see cref="CurlCode.FailedInit"/>, as libcurl's.
    /// To run a handle again after its DONE message, remove it and add it again.
    /// </summary>
    public CurlMCode AddHandle(CurlEasy easy)
    {
        if (easy is null) return CurlMCode.BadEasyHandle;
        if (IsEnded) return CurlMCode.BadHandle;
        if (easy.IsDisposed) return CurlMCode.BadEasyHandle;
        if (easy.Owner is not null) return CurlMCode.AddedAlready;
        if (InCallback) return CurlMCode.RecursiveApiCall;
        if (!easy.TryJoinOwner(this, _pool)) return CurlMCode.AddedAlready;
        lock (_gate)
        {
            if (!_ended)
            {
                _transfers.Add(new MultiTransfer(this, easy));
                _limits.Members = _transfers.Count;
                Signal();   // a Wait now returns at once: Perform has a transfer to start
                return CurlMCode.Ok;
            }
        }
        easy.LeaveOwner();
        return CurlMCode.BadHandle;
    }

    /// <summary>
    /// Takes <paramref name="easy"/> out (<c>curl_multi_remove_handle</c>). A running or pending transfer is aborted
    /// first and this waits until it has let go of everything (so it waits for a callback of that handle that is running
    /// to return): its connection is closed (through the close callback,
    /// once), it gives no DONE message, and an unread DONE message of the handle is dropped. Connections the handle left
    /// idle stay in the multi's cache. <see cref="CurlMCode.Ok"/> also for a handle in no multi;
    /// <see cref="CurlMCode.BadEasyHandle"/> for null or a handle in another multi.
    /// </summary>
    public CurlMCode RemoveHandle(CurlEasy easy)
    {
        if (easy is null) return CurlMCode.BadEasyHandle;
        if (IsEnded) return CurlMCode.BadHandle;
        var owner = easy.Owner;
        if (owner is null) return CurlMCode.Ok;
        if (!ReferenceEquals(owner, this)) return CurlMCode.BadEasyHandle;
        if (InCallback) return CurlMCode.RecursiveApiCall;
        Detach(easy, waitForAbort: true);
        return CurlMCode.Ok;
    }

    /// <summary>
    /// Starts the transfers of handles added since the last call and reports the ones that finished meanwhile
    /// (<c>curl_multi_perform</c>): each finished transfer queues one DONE message for <see cref="InfoRead"/>.
    /// <paramref name="runningHandles"/> is the number of transfers still running or pending. Never blocks for I/O:
    /// the transfers move on by themselves between calls (see the class remarks).
    /// </summary>
    public CurlMCode Perform(out int runningHandles)
    {
        runningHandles = 0;
        if (InCallback) return CurlMCode.RecursiveApiCall;
        List<MultiTransfer>? toStart = null;
        lock (_gate)
        {
            if (_ended) return CurlMCode.BadHandle;
            foreach (var t in _transfers)
            {
                if (t.Stage != MultiTransferState.Added) continue;
                t.Stage = MultiTransferState.Running;
                (toStart ??= []).Add(t);
            }
        }
        if (toStart is not null)
            foreach (var t in toStart)
            {
                // A callback of a transfer started just before may have taken this one out already.
                if (t.Abort.IsCancellationRequested) t.Ended.TrySetResult();
                else _ = RunAsync(t);
            }
        lock (_gate)
        {
            foreach (var t in _finished)
            {
                t.Stage = MultiTransferState.Done;
                _messages.Add(new CurlMsg(t.Easy, t.Result));
            }
            _finished.Clear();
            foreach (var t in _transfers) if (t.Stage == MultiTransferState.Running) runningHandles++;
        }
        return CurlMCode.Ok;
    }

    /// <summary>
    /// The next DONE message, or null when there is none (<c>curl_multi_info_read</c>); <paramref name="msgsInQueue"/>
    /// is how many are left after this one. Messages appear at <see cref="Perform"/>, one per finished transfer.
    /// </summary>
    public CurlMsg? InfoRead(out int msgsInQueue)
    {
        msgsInQueue = 0;
        if (InCallback) return null;
        lock (_gate)
        {
            if (_messages.Count == 0) return null;
            var message = _messages[0];
            _messages.RemoveAt(0);
            msgsInQueue = _messages.Count;
            return message;
        }
    }

    /// <summary>
    /// Ends the multi the libcurl way (<c>curl_multi_cleanup</c>): aborts every running or pending transfer and waits
    /// until each has let go, takes every handle out (they can be used on their own again, or added elsewhere) and closes
    /// every cached connection, each through its opener's close callback, once. <see cref="CurlMCode.BadHandle"/> when
    /// already ended; <see cref="CurlMCode.RecursiveApiCall"/> (and nothing happens) from a callback.
    /// </summary>
    public CurlMCode Cleanup()
    {
        if (InCallback) return CurlMCode.RecursiveApiCall;
        return Shutdown(waitForAborts: true) ? CurlMCode.Ok : CurlMCode.BadHandle;
    }

    /// <summary>
    /// <see cref="Cleanup"/>, never throwing; calling it again does nothing. From a callback of one of its transfers it
    /// does the same without waiting: the aborted transfers (the calling one included) let go of their sockets as they
    /// unwind.
    /// </summary>
    public void Dispose() => Shutdown(waitForAborts: !InCallback);

    /// <summary>The text for <paramref name="code"/> (<c>curl_multi_strerror</c>), in libcurl 7.88's words.</summary>
    public static string StrError(CurlMCode code) => code switch
    {
        CurlMCode.CallMultiPerform => "Please call curl_multi_perform() soon",
        CurlMCode.Ok => "No error",
        CurlMCode.BadHandle => "Invalid multi handle",
        CurlMCode.BadEasyHandle => "Invalid easy handle",
        CurlMCode.OutOfMemory => "Out of memory",
        CurlMCode.InternalError => "Internal error",
        CurlMCode.BadSocket => "Invalid socket argument",
        CurlMCode.UnknownOption => "Unknown option",
        CurlMCode.AddedAlready => "The easy handle is already added to a multi handle",
        CurlMCode.RecursiveApiCall => "API function called from within callback",
        CurlMCode.WakeupFailure => "Wakeup is unavailable or failed",
        CurlMCode.BadFunctionArgument => "A libcurl function was given a bad argument",
        CurlMCode.AbortedByCallback => "Operation was aborted by an application callback",
        CurlMCode.UnrecoverablePoll => "Unrecoverable error in select/poll",
        _ => "Unknown error",
    };

    /// <summary>Handles in the multi now, whatever their state.</summary>
    public int HandleCount { get { lock (_gate) return _transfers.Count; } }

    /// <summary>Connections the multi's cache holds open now, busy and idle.</summary>
    public int OpenConnections => _pool.LiveConnections;

    void IEasyOwner.OnEasyDisposing(CurlEasy easy) => Detach(easy, waitForAbort: !InCallback);

    private bool IsEnded { get { lock (_gate) return _ended; } }

    // One transfer, from Perform to its end. Its first steps run on Perform's thread; the rest where its I/O completes.
    private async Task RunAsync(MultiTransfer t)
    {
        RunningIn.Value = t;   // scoped to this transfer's flow: the caller's own context is untouched
        CurlCode result;
        bool aborted = false;
        try { result = await t.Easy.RunForOwner(t.Abort.Token).ConfigureAwait(false); }
        catch (OperationCanceledException)
        {
            result = CurlCode.AbortedByCallback;
            aborted = true;
        }
        lock (_gate)
        {
            if (t.Stage == MultiTransferState.Running)   // not taken out meanwhile
            {
                t.Stage = MultiTransferState.Finished;
                t.Result = result;
                _finished.Add(t);
                Signal();
            }
        }
        if (aborted) t.Easy.NoteAbortedByOwner();
        t.Ended.TrySetResult();
    }

    private void Detach(CurlEasy easy, bool waitForAbort)
    {
        MultiTransfer? t = null;
        bool wasRunning;
        lock (_gate)
        {
            foreach (var candidate in _transfers) if (ReferenceEquals(candidate.Easy, easy)) { t = candidate; break; }
            if (t is null) return;
            _transfers.Remove(t);
            _finished.Remove(t);
            _messages.RemoveAll(m => ReferenceEquals(m.Easy, easy));
            wasRunning = t.Stage == MultiTransferState.Running;
            t.Stage = MultiTransferState.Removed;
            _limits.Members = _transfers.Count;
        }
        if (wasRunning) Abort(t, waitForAbort);
        easy.LeaveOwner();
    }

    private bool Shutdown(bool waitForAborts)
    {
        List<MultiTransfer> all;
        var running = new List<MultiTransfer>();
        lock (_gate)
        {
            if (_ended) return false;
            _ended = true;
            all = [.. _transfers];
            _transfers.Clear();
            _finished.Clear();
            _messages.Clear();
            _limits.Members = 0;
            foreach (var t in all)
            {
                if (t.Stage == MultiTransferState.Running) running.Add(t);
                t.Stage = MultiTransferState.Removed;
            }
            Signal();   // a Wait on another thread returns
        }
        foreach (var t in running) t.Abort.Cancel();   // all at once, then wait for each: they unwind side by side
        foreach (var t in running) Abort(t, waitForAborts);
        foreach (var t in all) t.Easy.LeaveOwner();
        _pool.CloseAll();
        return true;
    }

    private static void Abort(MultiTransfer t, bool wait)
    {
        t.Abort.Cancel();
        if (wait) t.Ended.Task.Wait();
    }

    // Called under the gate.
    private void Signal()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
