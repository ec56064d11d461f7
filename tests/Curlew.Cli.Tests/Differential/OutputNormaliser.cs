using System.Text;
using System.Text.RegularExpressions;

namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// THE one place where curl's and curlew's outputs are made comparable. It removes only what must differ:
/// the program name ("curl" vs "curlew" in messages and the User-Agent), curl's version in the User-Agent, elapsed
/// times ("after 3 ms", "0.001234" seconds, the server's Date header) and the progress meters' lines (the default one
/// and -Z's), whose numbers depend on timing (the meter's presence is kept: both must show one, or neither),
/// --trace-time's clock ("12:34:56.123456 " at a line's start) and, for <see cref="TraceWithoutInfo"/> only, the
/// "== Info:" records of a trace dump.
/// </summary>
public static partial class OutputNormaliser
{
    public static string Stderr(byte[] bytes)
    {
        string s = Encoding.UTF8.GetString(bytes);
        // First, because curl's error lines may follow a parallel meter line on the same line.
        s = ParallelHeader().Replace(s, "[parallel meter]\n");
        s = ParallelLines().Replace(s, "");
        s = CurlPrefix().Replace(s, "curlew: ");
        s = s.Replace("'curl --help' or 'curl --manual'", "'curlew --help' or 'curlew --manual'", StringComparison.Ordinal);
        s = s.Replace("Warning: curl to output", "Warning: curlew to output", StringComparison.Ordinal);
        s = s.Replace("\ncurl failed to verify the legitimacy", "\ncurlew failed to verify the legitimacy", StringComparison.Ordinal);
        s = MeterHeader().Replace(s, "[meter]\n");
        s = MeterLines().Replace(s, "");
        return Dates(Times(s));
    }

    private static string Dates(string s) => Date().Replace(s, "Date: [date]");

    [GeneratedRegex(@"Date: \w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} GMT")]
    private static partial Regex Date();

    public static string Stdout(byte[] bytes) =>
        Dates(Times(Encoding.Latin1.GetString(bytes).Replace("Usage: curl [", "Usage: curlew [", StringComparison.Ordinal)));

    public static string Server(string text) => Agent().Replace(text, "User-Agent: [agent]");

    /// <summary>
    /// A --trace or --trace-ascii dump without its "== Info: " records: the library's informational text is known to
    /// differ from libcurl's (no connection numbers, see the "verbose" case), while every header and data record, its
    /// byte count and its dump must still match curl's byte for byte. Used only by the trace dump comparisons.
    /// </summary>
    public static string TraceWithoutInfo(string s) => InfoRecord().Replace(s, "");

    [GeneratedRegex(@"^(\[time\] )?== Info: .*\n", RegexOptions.Multiline)]
    private static partial Regex InfoRecord();

    [GeneratedRegex(@"^\d{2}:\d{2}:\d{2}\.\d{6} ", RegexOptions.Multiline)]
    private static partial Regex TraceClock();

    private static string Times(string s) =>
        Seconds().Replace(Milliseconds().Replace(TraceClock().Replace(s, "[time] "), "after [ms] m"), "[seconds]");

    [GeneratedRegex("^curl: ", RegexOptions.Multiline)]
    private static partial Regex CurlPrefix();

    [GeneratedRegex(@"  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n\s+Dload  Upload   Total   Spent    Left  Speed\n")]
    private static partial Regex MeterHeader();

    // Status lines: eight number columns (sizes may carry k/M/G), three time columns ("--:--:--", or " 0:00:01" once a
    // second has passed: seven characters after the space), the current speed; then the line break curl may or may
    // not print after the last one.
    [GeneratedRegex(@"(\r?[ \d]{3} +[\d.]+[kMGTP]? +[ \d]{3} +[\d.]+[kMGTP]? +[ \d]{3} +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[\d.]+[kMGTP]? +[-:\d]{7,8} +[-:\d]{7,8} +[-:\d]{7,8} +[\d.]+[kMGTP]?)+\n?")]
    private static partial Regex MeterLines();

    // -Z's meter: its header, then lines of percentages ("--" when unknown), sizes, transfer counts, times and speed,
    // each starting with a carriage return and the last one ending the line (a time is "--:--:--" or " 0:00:01").
    [GeneratedRegex(@"DL% UL%  Dled  Uled  Xfers  Live Total     Current  Left    Speed\n")]
    private static partial Regex ParallelHeader();

    [GeneratedRegex(@"\r?(?:--  |[ \d]{2}\d ){2}(?:[ \d.]{4}[\dkMGTP] ){2}(?:[ \d]{5} ){2} (?:[-: \d]{8} ){3}[ \d.]{4}[\dkMGTP] (?:     |    \n)")]
    private static partial Regex ParallelLines();

    [GeneratedRegex(@"after \d+ m")]
    private static partial Regex Milliseconds();

    [GeneratedRegex(@"\b\d+\.\d{6}\b")]
    private static partial Regex Seconds();

    [GeneratedRegex(@"User-Agent: curl(ew)?/[\d.]+")]
    private static partial Regex Agent();
}
