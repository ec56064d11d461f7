using System.Globalization;

namespace Curlew.Cli.Text;

/// <summary>
/// curl's default progress meter in its layout: the two header lines, a line when the transfer starts and the final
/// line when it ends. curl redraws it every second as well; its numbers depend on timing, so the differential tests
/// compare it through their one normalisation step.
/// </summary>
internal sealed class ProgressMeter(TextWriter stderr)
{
    private const string Header =
        "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n" +
        "                                 Dload  Upload   Total   Spent    Left  Speed\n";

    public void Start()
    {
        stderr.Write(Header);
        stderr.Write(Line(0, 0, 0, 0, 0));
    }

    public void Finish(long total, long received, long uploaded, double seconds)
    {
        total = Math.Max(total, 0);   // the library reports -1 for an unknown length
        long speed = seconds > 0 ? (long)(received / seconds) : received;
        stderr.Write('\r');
        stderr.Write(Line(total, received, uploaded, speed, 0));
        stderr.Write('\n');
    }

    private static string Line(long total, long received, long sent, long dspeed, long uspeed)
    {
        int pct(long part) => total > 0 ? (int)(part * 100 / total) : 0;
        return string.Format(CultureInfo.InvariantCulture, "{0,3} {1,5}  {2,3} {3,5}  {4,3} {5,5}  {6,5}  {7,5} --:--:-- --:--:-- --:--:-- {8,5}",
            total > 0 && received == total ? 100 : pct(received), Size(total), pct(received), Size(received),
            0, Size(sent), Size(dspeed), Size(uspeed), Size(dspeed));
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
