using System.Diagnostics;
using System.Net.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// A short, self-limiting wait for the peer's answer before a blocking receive sleeps (or an asynchronous one is queued).
/// </summary>
/// <remarks>
/// Why: a thread asleep in <c>recv</c> is woken by the kernel when the answer arrives, and on a virtual machine whose
/// CPU went idle meanwhile that wake-up goes through the hypervisor: tens of microseconds per request/response turn,
/// which capped a blocking keep-alive loop on loopback near 16k requests/s where the network allows twice that. When
/// the answer usually comes within <see cref="BudgetMicroseconds"/>, checking for it that long (a non-blocking poll,
/// then a few pause instructions) avoids the wake-up; the runtime's own synchronous socket calls do the same (they spin
/// on an event before sleeping), so HttpClient's blocking <c>Send</c> pays this CPU too.
/// It stops paying when the peer is slower than the budget: each miss doubles the number of receives that skip the
/// spin (up to <see cref="MaxSkip"/>) and a hit resets it, so a far or slow server costs at most one budget every
/// <see cref="MaxSkip"/> turns. Only the first receive after a send spins (the turn-around); body reads do not, they
/// have SO_RCVLOWAT for that. An asynchronous transfer spins only while it runs on the application thread that started
/// it with <c>PerformAsync</c>, when that thread is neither a thread-pool thread nor under a synchronization context
/// (<see cref="IoContext.OnWaitingCaller"/>): a thread of the caller's own, which usually waits for the transfer, and
/// where a missed answer would cost the event loop's wake-up, a thread-pool hop and the waiting thread's wake-up. And
/// only on a socket the runtime's event loop does not watch (see <see cref="SocketFilter"/>'s Watched): there every
/// arrival wakes the loop and a pool worker anyway, and spinning against them lost (12k against 15k requests/s);
/// such a transfer connects in place and waits for a missed answer with <see cref="ReadinessWaiter"/>, to keep its
/// socket off the loop. A multi's transfers, the HTTP handler's and anything on a pool or UI thread never spin. The
/// AppContext switch <c>Curlew.DisableReceiveSpin</c> turns all of it off (every receive then blocks or goes
/// asynchronous at once, and asynchronous connects use the runtime's).
/// </remarks>
internal struct ReadinessSpinner
{
    public const int BudgetMicroseconds = 50;
    public const int MaxSkip = 256;
    private const int PausesBetweenPolls = 8;
    private static readonly long BudgetTicks = Stopwatch.Frequency * BudgetMicroseconds / 1_000_000;

    /// <summary>False when the application set the AppContext switch <c>Curlew.DisableReceiveSpin</c>.</summary>
    public static readonly bool Enabled =
        !(AppContext.TryGetSwitch("Curlew.DisableReceiveSpin", out bool disabled) && disabled);

    private int _skip;       // receives still to go without spinning
    private int _penalty;    // what the next miss sets _skip to: doubles per miss, reset by a hit

    /// <summary>Waits up to the budget until <paramref name="socket"/> is readable, unless this receive is one to skip.</summary>
    public SpinOutcome SpinUntilReadable(Socket socket)
    {
        if (_skip > 0) { _skip--; return SpinOutcome.Skipped; }
        bool readable;
        try { readable = PollWithinBudget(socket, SelectMode.SelectRead); }   // data, EOF or an error: recv will say
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return SpinOutcome.Readable; }   // so will recv
        if (readable)
        {
            _penalty = 0;
            return SpinOutcome.Readable;
        }
        _penalty = _penalty == 0 ? 1 : Math.Min(_penalty * 2, MaxSkip);
        _skip = _penalty;
        return SpinOutcome.Missed;
    }

    /// <summary>
    /// Polls <paramref name="socket"/> for <paramref name="mode"/> until it is ready or the budget is spent (the
    /// answer wait above, and a connect in place). Polled, never waited for with a timeout: on Unix Socket.Poll counts
    /// whole milliseconds, so a 50 µs timeout would be none.
    /// </summary>
    public static bool PollWithinBudget(Socket socket, SelectMode mode)
    {
        long start = Stopwatch.GetTimestamp();
        while (!socket.Poll(0, mode))
        {
            if (Stopwatch.GetTimestamp() - start > BudgetTicks) return false;
            Thread.SpinWait(PausesBetweenPolls);
        }
        return true;
    }
}

/// <summary>What one <see cref="ReadinessSpinner.SpinUntilReadable"/> did.</summary>
internal enum SpinOutcome
{
    /// <summary>Backing off after misses: returned at once without looking.</summary>
    Skipped,
    /// <summary>The socket became readable (data, end of stream or an error) within the budget.</summary>
    Readable,
    /// <summary>Nothing came within the budget.</summary>
    Missed,
}
