using System.Diagnostics;

namespace Curlew.Protocols;

/// <summary>
/// <c>LowSpeedLimit</c>/<c>LowSpeedTime</c>: aborts with <see cref="CurlCode.OperationTimedout"/> once the transfer has
/// stayed below the limit (bytes per second, measured per one-second window) for the given number of seconds.
/// </summary>
/// <remarks>A handle keeps one and <see cref="Start"/>s it for every perform, so a keep-alive loop allocates none.</remarks>
internal sealed class LowSpeedGuard
{
    private long limitBytesPerSecond, seconds;
    private long _windowStart;
    private long _bytesAtWindowStart;
    private long _slowSince;   // timestamp when the speed first dropped below the limit; 0 = not slow

    public LowSpeedGuard(long limitBytesPerSecond, long seconds) => Start(limitBytesPerSecond, seconds);

    /// <summary>Begins a perform with these limits and a fresh window.</summary>
    public void Start(long limitBytesPerSecond, long seconds)
    {
        this.limitBytesPerSecond = limitBytesPerSecond;
        this.seconds = seconds;
        Restart(0);
    }

    public bool IsActive => limitBytesPerSecond > 0 && seconds > 0;

    /// <summary>Starts a fresh measuring window (when a request goes out).</summary>
    public void Restart(long totalBytes)
    {
        _windowStart = Stopwatch.GetTimestamp();
        _bytesAtWindowStart = totalBytes;
        _slowSince = 0;
    }

    /// <summary>Called with the running byte count (both directions) on every chunk and on idle ticks.</summary>
    public void Check(long totalBytes)
    {
        if (!IsActive) return;
        long now = Stopwatch.GetTimestamp();
        double elapsed = (double)(now - _windowStart) / Stopwatch.Frequency;
        if (elapsed < 1) return;
        double speed = (totalBytes - _bytesAtWindowStart) / elapsed;
        if (speed < limitBytesPerSecond)
        {
            if (_slowSince == 0) _slowSince = _windowStart;
            if ((double)(now - _slowSince) / Stopwatch.Frequency >= seconds)
                throw new CurlException(CurlCode.OperationTimedout,
                    $"Operation too slow. Less than {limitBytesPerSecond} bytes/sec transferred the last {seconds} seconds");
        }
        else _slowSince = 0;
        _windowStart = now;
        _bytesAtWindowStart = totalBytes;
    }
}
