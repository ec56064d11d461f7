namespace Curlew.Cli.Tests.Differential;

/// <summary>Cases for config files (-K, ~/.curlrc), URL globbing, --next groups, -Z parallel runs and cookie files.</summary>
public static partial class DifferentialCases
{
    private static DifferentialCase S(string name, Dictionary<string, string> seed, params string[] args) => new(name, args, Seed: seed);

    private static Dictionary<string, string> Files(params (string Name, string Content)[] files) =>
        files.ToDictionary(f => f.Name, f => f.Content);

    private const string Rc = "header = \"X-Rc: 1\"\nsilent\n";

    private const string NotBuiltInCookies =
        "the library has no cookie engine yet: curlew refuses a cookie file or jar with NotBuiltIn (4); curl reads/writes it";

    public static readonly DifferentialCase[] Multi =
    [
        // -K and ~/.curlrc
        S("config file: undashed names, separators, quotes, escapes, comments, url line",
            Files(("c.cfg", "# a comment\n  silent\nurl = \"{url}/echo\"\nwrite-out: \"w=%{http_code}\\t\\x\\n\"\n-H \"X-A: 1\"\n--show-error\n")),
            "-K", "c.cfg"),
        S("config file warnings: unknown, missing parameter, trailing garbage, dashed name with '='",
            Files(("c.cfg", "bogus\nurl\ninclude on\n--output=o5\nmax-time abc\n")),
            "-K", "c.cfg", "-sS", "{url}/text"),
        C("config from stdin", "-K", "-", "{url}/echo") with { Stdin = "silent\nheader = \"X-Stdin: yes\"\nbogus\n" },
        C("missing config file", "-K", "missing.cfg", "{url}/text"),
        C("a directory as config file reads no lines", "-sS", "-K", "{in}", "{url}/text"),
        C("missing config file, silent", "-s", "--config", "missing.cfg", "{url}/text"),
        S("nested config and short options in a file",
            Files(("one.cfg", "-K two.cfg\n-s\n-o out.txt\n"), ("two.cfg", "-H \"X-Nested: 1\"\n")),
            "--config", "one.cfg", "{url}/echo"),
        S("config file with next and url lines",
            Files(("c.cfg", "silent\nurl = {url}/text\nnext\nurl = {url}/echo\ndata = x=1\n")),
            "-K", "c.cfg"),
        S(".curlrc is read", Files((".curlrc", Rc)), "{url}/echo"),
        S(".curlrc is skipped by -q first", Files((".curlrc", Rc)), "-qsS", "{url}/echo"),
        S(".curlrc is skipped by --disable first", Files((".curlrc", Rc)), "--disable", "-sS", "{url}/echo"),
        S(".curlrc is still read with a later -q", Files((".curlrc", Rc)), "-S", "-q", "{url}/echo"),
        // URL globbing
        C("glob set and range to stdout", "-sS", "{url}/files/{a,b}[1-2].txt"),
        C("glob zero padding and a step, outputs named with #1", "-sS", "{url}/files/[08-12:2]", "-o", "out_#1.txt"),
        C("glob letter range with a step", "-sS", "{url}/files/[a-e:2]"),
        C("glob #N naming no glob stays literal", "-sS", "{url}/files/{x,y}", "-o", "f#1#2#0"),
        C("glob with -O", "-sS", "-O", "{url}/files/{c,d}.txt"),
        C("glob: two URLs with two outputs", "-sS", "{url}/files/x[1-2]", "{url}/files/{a,c}", "-o", "one", "-o", "two"),
        C("globoff", "-sSg", "{url}/files/[1-2]"),
        C("escaped brackets are not a glob", "-sS", "{url}/files/\\[1\\]"),
        C("bracketed IPv6 address is not a glob", "-s", "http://[::1]:1/"),
        C("glob with a bad range", "-sS", "{url}/files/[1-"),
        C("glob with a backwards range, silent", "-s", "{url}/files/[3-1]"),
        C("glob with a backwards range, -S", "-sS", "{url}/files/[3-1]"),
        C("glob with a bad step", "-sS", "{url}/files/[1-3:5]"),
        C("glob with a bad range specification", "-sS", "{url}/files/[-1]"),
        C("glob with an unmatched brace", "-sS", "{url}/files/{a,b"),
        C("glob with a nested brace", "-sS", "{url}/files/{a,{b}}"),
        C("glob with an empty set", "-sS", "{url}/files/{}"),
        C("glob with an unmatched close bracket", "-sS", "{url}/files/x]"),
        C("a bad glob stops the URLs after it", "-sS", "{url}/text", "{url}/[1-", "{url}/echo"),
        // Several URLs and --next
        C("next: options per group, global options shared", "-o", "n1.txt", "-H", "X-A: 1", "{url}/echo", "-:", "-s", "-d", "x=1", "{url}/echo"),
        C("next at the end: no URL specified after the transfers", "-s", "{url}/text", "--next"),
        C("next with nothing before it", "-sS", "--next", "{url}/text"),
        C("two nexts in a row", "-sS", "{url}/text", "--next", "--next", "{url}/echo"),
        C("serial exit code is the last transfer's (a later success)", "-sSf", "{url}/status/404", "{url}/text"),
        C("serial exit code is the last transfer's (a later failure)", "-sSf", "{url}/text", "{url}/status/500"),
        C("exit code across next groups", "-sS", "{url}/text", "-:", "-f", "{url}/status/404"),
        // -Z
        C("parallel to files, with the parallel meter", "-Z", "-o", "a.txt", "{url}/text", "-o", "b.txt", "{url}/text"),
        C("parallel to stdout", "-sSZ", "--no-progress-meter", "{url}/text", "{url}/text"),
        C("parallel meter even with -s", "-sZ", "-o", "a.txt", "{url}/text", "-o", "b.txt", "{url}/text"),
        C("parallel without a meter", "-sSZ", "--no-progress-meter", "-o", "a.txt", "{url}/text", "-o", "b.txt", "{url}/text"),
        C("parallel exit code is the last failure", "-sZ", "--parallel-max", "1", "-f", "{url}/status/404", "http://127.0.0.1:1/", "{url}/text"),
        C("parallel errors reported", "-sSZ", "--no-progress-meter", "--parallel-max", "1", "-f", "{url}/status/404", "{url}/text"),
        C("parallel glob with --parallel-immediate", "-sSZ", "--parallel-immediate", "--parallel-max", "1", "{url}/files/{a,b}"),
        C("parallel across next groups", "-sSZ", "--parallel-max", "1", "{url}/text", "--next", "-d", "y=2", "{url}/echo"),
        C("bad --parallel-max", "--parallel-max", "x", "{url}/text"),
        C("parallel one at a time reuses the connection", "-sSZ", "--parallel-max", "1", "-w", "%{num_connects}\\n", "{url}/text", "{url}/text", "{url}/text"),
        // Cookies
        S("cookie file", Files(("cookies.txt", "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsid\tabc\n")),
            "-sS", "-b", "cookies.txt", "{url}/echo") with
        {
            Differs = Channel.ExitCode | Channel.Stdout | Channel.Stderr | Channel.Server,
            Reason = NotBuiltInCookies,
        },
        C("cookie jar", "-sS", "-c", "jar.txt", "{url}/text") with
        {
            Differs = Channel.ExitCode | Channel.Stdout | Channel.Stderr | Channel.Files | Channel.Server,
            Reason = NotBuiltInCookies,
        },
    ];
}
