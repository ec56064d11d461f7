namespace Curlew.Cli.Text;

/// <summary>
/// The meter's "Current Speed": bytes per second over the last few seconds (curl looks back up to five), from one
/// sample of the byte count per whole second.
/// </summary>
internal sealed class SpeedWindow
{
    private const int Seconds = 5;
    private readonly Queue<(TimeSpan At, long Bytes)> _samples = new();

    public long Current(long bytes, TimeSpan now)
    {
        if (_samples.Count == 0 || now - _samples.Last().At >= TimeSpan.FromSeconds(1)) _samples.Enqueue((now, bytes));
        while (_samples.Count > Seconds + 1) _samples.Dequeue();
        var (at, then) = _samples.Peek();
        double span = (now - at).TotalSeconds;
        return span > 0 ? (long)((bytes - then) / span) : 0;
    }
}
