namespace Curlew.Connect;

/// <summary>
/// The scope of one connect deadline on an <see cref="IoContext"/> (see <see cref="IoContext.BeginConnect"/>): ending it
/// lifts the deadline and puts the transfer in the Transferring phase. A struct, so <c>using</c> it allocates nothing.
/// </summary>
internal readonly struct ConnectDeadline(IoContext io) : IDisposable
{
    /// <summary>libcurl's connect timeout when none is set: 300 seconds.</summary>
    public const long DefaultMs = 300_000;

    /// <summary>The budget for a <c>ConnectTimeoutMs</c> value: 0 means libcurl's default; huge values are clamped to what timers take.</summary>
    public static long Budget(long connectTimeoutMs) =>
        connectTimeoutMs > 0 ? Math.Min(connectTimeoutMs, int.MaxValue) : DefaultMs;

    public void Dispose() => io.EndConnect();
}
