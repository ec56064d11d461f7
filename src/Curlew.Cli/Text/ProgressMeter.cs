using System.Diagnostics;
using System.Globalization;

namespace Curlew.Cli.Text;

/// <summary>
/// curl's default progress meter in its layout: the two header lines and a first line when the transfer starts, a
/// redrawn line ("\r" and the line again) at most once a second while it runs, and the final line when it ends. The
/// library calls the xferinfo callback as data moves and at least once a second while idle (as libcurl does), so the
/// redraws come on the transfer's own thread. Its numbers depend on timing, so the differential tests compare the
/// meter through their one normalisation step; its cadence is tested against a slow server.
/// </summary>
internal sealed class ProgressMeter(TextWriter stderr)
{
    private const string Header =
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n";

    private static readonly TimeSpan RedrawEvery = TimeSpan.FromSeconds(1);

    private readonly Stopwatch _clock = new();
    private readonly SpeedWindow _window = new();
    private TimeSpan _lastDraw;

    public void Start(CurlEasy easy)
    {
        _clock.Restart();
        stderr.Write(Header);
        stderr.Write('\r');
        stderr.Write(Line(0, 0, 0, 0, null));
        easy.NoProgress = false;
        easy.XferInfoFunction = OnProgress;
    }

    public void Finish(long total, long received, long uploaded)
    {
        total = Math.Max(total, 0);   // the library reports -1 for an unknown length
        stderr.Write('\r');
        stderr.Write(Line(total, received, uploaded, _window.Current(received, _clock.Elapsed), _clock.Elapsed, done: true));
        stderr.Write('\n');
    }

    private int OnProgress(object? clientp, long dlTotal, long dlNow, long ulTotal, long ulNow)
    {
        var now = _clock.Elapsed;
        long current = _window.Current(dlNow + ulNow, now);
        if (now - _lastDraw < RedrawEvery) return 0;
        _lastDraw = now;
        stderr.Write('\r');
        stderr.Write(Line(dlTotal, dlNow, ulNow, current, now));
        return 0;
    }

    private static string Line(long total, long received, long sent, long current, TimeSpan? spent, bool done = false)
    {
        int pct(long part) => total > 0 ? (int)Math.Min(100, part * 100 / total) : 0;
        double seconds = spent?.TotalSeconds ?? 0;
        long dspeed = seconds > 0 ? (long)(received / seconds) : received;
        long uspeed = seconds > 0 ? (long)(sent / seconds) : sent;
        double? whole = total > 0 && dspeed > 0 ? (double)total / dspeed : null;
        double? left = whole is double w && !done ? Math.Max(0, w - seconds) : null;
        return string.Format(CultureInfo.InvariantCulture, "{0,3} {1,5}  {2,3} {3,5}  {4,3} {5,5}  {6,5}  {7,5} {8} {9} {10} {11,5}",
            pct(received), Size(total), pct(received), Size(received), 0, Size(sent), Size(dspeed), Size(uspeed),
            Clock(whole), Clock(spent is null ? null : seconds), Clock(left), Size(current));
    }

    // curl's eight-character time columns: "H:MM:SS" right-aligned, days and hours past 99 hours, dashes when unknown
    // or under a second.
    private static string Clock(double? seconds)
    {
        long t = (long)(seconds ?? 0);
        if (t == 0) return "--:--:--";
        if (t < 100 * 3600) return string.Create(CultureInfo.InvariantCulture, $"{t / 3600,2}:{t / 60 % 60:D2}:{t % 60:D2}");
        return string.Create(CultureInfo.InvariantCulture, $"{t / 86400,3}d {t / 3600 % 24:D2}h");
    }

    // curl shows sizes in at most five characters: plain bytes, then k, M, G with one decimal when it fits.
    private static string Size(long bytes)
    {
        if (bytes < 100_000) return bytes.ToString(CultureInfo.InvariantCulture);
        if (bytes < 10 * 1024 * 1024) return (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "k";
        if (bytes < 10L * 1024 * 1024 * 1024) return (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "M";
        return (bytes / (1024L * 1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "G";
    }
}
