namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// -T with a globbed file name, as curl does it: every file the glob names goes to every URL the URL's globs make,
/// file by file; an unreadable file ends the run with curl's "Can't open" notice, its read error and 26 (after the
/// files before it were sent in a serial run; in a -Z run before anything when it is in the first --parallel-max
/// transfers, with the error once more for each transfer set up before it); a bad glob in the name is curl's (3).
/// </summary>
public static partial class DifferentialCases
{
    private static Dictionary<string, string> UploadFiles() =>
        Files(("a.txt", "file a\n"), ("b.txt", "file b\n"), ("f1.txt", "one\n"), ("f2.txt", "two\n"));

    public static readonly DifferentialCase[] Upload =
    [
        S("-T {a,b} uploads each file", UploadFiles(), "-sS", "-T", "{a,b}.txt", "{url}/echo"),
        S("-T glob to a folder URL appends each file's name", UploadFiles(), "-sS", "-T", "{a,b}.txt", "{url}/"),
        S("-T range glob times a URL glob, file by file", UploadFiles(), "-sS", "-T", "f[1-2].txt", "{url}/echo?to={x,y}"),
        S("-T glob with -o #1 naming by the URL's glob", UploadFiles(), "-sS", "-T", "{a,b}.txt", "-o", "out-#1", "{url}/echo?{p,q}"),
        S("-T glob stops at a file it cannot open", UploadFiles(), "-sS", "-T", "{a,missing}.txt", "{url}/echo"),
        S("-T missing file", UploadFiles(), "-s", "-T", "missing.txt", "{url}/echo"),
        S("-T glob -Z refuses before any transfer", UploadFiles(), "-sS", "-Z", "-T", "{a,missing}.txt", "{url}/echo"),
        S("-T glob -Z past --parallel-max runs the first batch", UploadFiles(), "-sS", "-Z", "--parallel-max", "1", "-T", "{a,b,missing}.txt", "{url}/echo"),
        S("-T missing file, errors shown", UploadFiles(), "-sS", "-T", "missing.txt", "{url}/echo"),
        S("-T glob -Z uploads each file", UploadFiles(), "-s", "-Z", "--parallel-max", "1", "-T", "{a,b}.txt", "{url}/echo"),
        S("-g -T takes the braces literally", UploadFiles(), "-sS", "-g", "-T", "{a,b}.txt", "{url}/echo"),
        S("-T bad glob", UploadFiles(), "-sS", "-T", "{a", "{url}/echo"),
    ];
}
