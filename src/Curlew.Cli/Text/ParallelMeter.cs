using System.Diagnostics;
using System.Globalization;

namespace Curlew.Cli.Text;

/// <summary>
/// curl's meter for -Z in its layout: a header, a line when the transfers start and a final line with the totals.
/// curl 7.88 shows it even with -s (only --no-progress-meter hides it), so curlew does too. Its numbers depend on
/// timing; the differential tests compare it through their one normalisation step.
/// </summary>
internal sealed class ParallelMeter(TextWriter stderr)
{
    private const string Header = "DL% UL%  Dled  Uled  Xfers  Live Total     Current  Left    Speed\n";
    private const string NoTime = "--:--:--";
    private readonly Stopwatch _clock = new();
    private long _downloaded, _uploaded, _expected;
    private bool _sizesKnown = true;

    public void Start(int transfers)
    {
        _clock.Start();
        stderr.Write(Header);
        stderr.Write(Line("--", 0, 0, transfers, transfers, 0, final: false));
    }

    /// <summary>Counts a finished transfer's bytes.</summary>
    public void Add(CurlEasy easy)
    {
        lock (_clock)
        {
            _downloaded += Number(easy, CurlInfo.SizeDownloadT);
            _uploaded += Number(easy, CurlInfo.SizeUploadT);
            long length = Number(easy, CurlInfo.ContentLengthDownloadT);
            if (length < 0) _sizesKnown = false;
            else _expected += length;
        }
    }

    public void Finish(int transfers)
    {
        double seconds = _clock.Elapsed.TotalSeconds;
        long speed = seconds > 0 ? (long)(_downloaded / seconds) : _downloaded;
        string percent = _sizesKnown && _expected > 0
            ? (_downloaded * 100 / _expected).ToString(CultureInfo.InvariantCulture).PadLeft(3)
            : "--";
        stderr.Write(Line(percent, _downloaded, _uploaded, transfers, 0, speed, final: true));
    }

    private static string Line(string percent, long down, long up, int transfers, int live, long speed, bool final) =>
        string.Format(CultureInfo.InvariantCulture, "\r{0,-3} {1,-3} {2,5} {3,5} {4,5} {5,5}  {6} {6} {6} {7,5} {8,5}",
            percent, "--", Size(down), Size(up), transfers, live, NoTime, Size(speed), final ? "\n" : "");

    // Five characters at most, as in curl's other meter.
    private static string Size(long bytes)
    {
        if (bytes < 100_000) return bytes.ToString(CultureInfo.InvariantCulture);
        if (bytes < 10 * 1024 * 1024) return (bytes / 1024).ToString(CultureInfo.InvariantCulture) + "k";
        return (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + "M";
    }

    private static long Number(CurlEasy easy, CurlInfo info) => easy.GetInfo(info) switch
    {
        long l => l,
        int i => i,
        _ => 0,
    };
}
