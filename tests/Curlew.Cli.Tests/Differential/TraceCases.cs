namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// The trace flags' grammar compared with curl 7.88.1 through the ordinary differential run: which of -v, --trace and
/// --trace-ascii wins, curl's override warning and when -s mutes it. The dumps themselves are compared record by
/// record in <see cref="TraceDumpTests"/>.
/// </summary>
public static class TraceCases
{
    private static DifferentialCase C(string name, params string[] args) => new(name, args);

    public static readonly DifferentialCase[] All =
    [
        C("--trace-ascii after -v warns and wins", "--no-progress-meter", "-o", "/dev/null", "-v", "--trace-ascii", "/dev/null", "{url}/text"),
        C("--trace-ascii after --trace warns and wins", "--no-progress-meter", "-o", "/dev/null", "--trace", "t.txt", "--trace-ascii", "/dev/null", "{url}/text"),
        C("--trace after --trace-ascii warns", "--no-progress-meter", "-o", "/dev/null", "--trace-ascii", "t.txt", "--trace", "/dev/null", "{url}/text"),
        C("the same trace kind twice does not warn", "--no-progress-meter", "-o", "/dev/null", "--trace", "t.txt", "--trace", "/dev/null", "{url}/text"),
        C("an earlier -s mutes the override warning", "-s", "-v", "--trace", "/dev/null", "{url}/text"),
        C("--no-verbose turns a trace off", "-sS", "--trace", "t.txt", "--no-verbose", "{url}/text"),
        C("--trace-time alone changes nothing", "-sS", "--trace-time", "{url}/text"),
        C("--trace needs an argument", "-sS", "{url}/text", "--trace"),
        C("--no-trace-ascii is no boolean", "--no-trace-ascii", "x", "{url}/text"),
    ];
}
