using System.Diagnostics;

namespace Curlew;

// Sleeping until there is something for Perform to do, and waking a sleeper from another thread.
public sealed partial class CurlMulti
{
    /// <summary>
    /// Blocks until a transfer has finished (so <see cref="Perform"/> has a message to queue), a handle added since the
    /// last Perform waits to be started, <see cref="Wakeup"/> is called, or <paramref name="timeoutMs"/> passes, whichever
    /// comes first (<c>curl_multi_poll</c>); it never returns before the timeout for any other reason, and it sleeps
    /// (no spinning). Unlike <see cref="Wait"/> it also sleeps when no transfer runs. <paramref name="numfds"/> is the
    /// number of finished transfers waiting for Perform (libcurl counts sockets with activity; Curlew has no sockets
    /// to show). <see cref="CurlMCode.BadFunctionArgument"/> for a negative timeout.
    /// </summary>
    public CurlMCode Poll(int timeoutMs, out int numfds) => Sleep(timeoutMs, sleepWhenIdle: true, out numfds);

    /// <summary>
    /// Like <see cref="Poll"/> (<c>curl_multi_wait</c>), except that it returns at once when no transfer is running or
    /// pending, as libcurl's does when it has no socket to wait on. Where Curlew differs: <see cref="Wakeup"/> also ends
    /// a Wait (libcurl's wakeup reaches only curl_multi_poll).
    /// </summary>
    public CurlMCode Wait(int timeoutMs, out int numfds) => Sleep(timeoutMs, sleepWhenIdle: false, out numfds);

    /// <summary>
    /// Ends the current (or, when none is sleeping, the next) <see cref="Poll"/> or <see cref="Wait"/> at once
    /// (<c>curl_multi_wakeup</c>); several calls before that one wake it once. Safe from any thread, and from callbacks.
    /// <see cref="CurlMCode.BadHandle"/> after <see cref="Dispose"/>.
    /// </summary>
    public CurlMCode Wakeup()
    {
        lock (_gate)
        {
            if (_ended) return CurlMCode.BadHandle;
            _wakeup = true;
            Signal();
        }
        return CurlMCode.Ok;
    }

    private CurlMCode Sleep(int timeoutMs, bool sleepWhenIdle, out int numfds)
    {
        numfds = 0;
        if (InCallback) return CurlMCode.RecursiveApiCall;
        if (timeoutMs < 0) return CurlMCode.BadFunctionArgument;
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_ended) return CurlMCode.BadHandle;
                if (_wakeup)
                {
                    _wakeup = false;
                    return CurlMCode.Ok;
                }
                numfds = _finished.Count;
                if (numfds > 0 || HasUnstarted() || (!sleepWhenIdle && !HasRunning())) return CurlMCode.Ok;
                changed = _changed.Task;
            }
            // Whole milliseconds left, rounded up, so a wait that ends on time is never early.
            double left = timeoutMs - Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (left <= 0) return CurlMCode.Ok;
            changed.Wait((int)Math.Ceiling(left));
        }
    }

    // Called under the gate.
    private bool HasUnstarted()
    {
        foreach (var t in _transfers) if (t.Stage == MultiTransferState.Added) return true;
        return false;
    }

    // Called under the gate.
    private bool HasRunning()
    {
        foreach (var t in _transfers) if (t.Stage == MultiTransferState.Running) return true;
        return false;
    }
}
