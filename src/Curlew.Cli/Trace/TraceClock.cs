using System.Globalization;

namespace Curlew.Cli.Trace;

/// <summary>--trace-time's prefix: the local wall-clock time as "HH:MM:SS.uuuuuu " (microseconds), as curl writes it.</summary>
internal static class TraceClock
{
    public static string Stamp()
    {
        var now = DateTime.Now;
        long micros = now.Ticks % TimeSpan.TicksPerSecond / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{now:HH:mm:ss}.{micros:D6} ");
    }
}
