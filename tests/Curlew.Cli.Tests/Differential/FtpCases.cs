namespace Curlew.Cli.Tests.Differential;

/// <summary>
/// One FTP command line run by curl and by curlew against the same vsftpd. {ftp} is the server's base URL and {in}
/// the prepared input files; <see cref="Local"/> files go into the fresh working folder and <see cref="OnServer"/>
/// files into the server's /upload before each run. <see cref="Times"/> adds each written file's modification time to
/// the files channel (for -R).
/// </summary>
public sealed record FtpCase(string Name, string[] Args, string? Stdin = null,
    IReadOnlyDictionary<string, string>? Local = null, IReadOnlyDictionary<string, string>? OnServer = null,
    bool Times = false, Channel Differs = Channel.None, string? Reason = null)
{
    public override string ToString() => Name;
}

/// <summary>The FTP flags compared with curl 7.88.1 on a real vsftpd.</summary>
public static class FtpCases
{
    private static FtpCase C(string name, params string[] args) => new(name, args);
    private static Dictionary<string, string> Files(string name, string content) => new() { [name] = content };

    public static readonly FtpCase[] All =
    [
        // Downloads and listings
        C("ftp download to stdout", "-sS", "{ftp}/hello.txt"),
        C("ftp download to a file", "-sS", "-o", "hello.txt", "{ftp}/hello.txt"),
        C("ftp binary download with -O", "-sS", "-O", "{ftp}/big.bin"),
        C("ftp file in a subdirectory", "-sS", "{ftp}/pub/a.txt"),
        C("ftp directory listing", "-sS", "{ftp}/pub/"),
        C("ftp -l names only", "-sS", "-l", "{ftp}/"),
        C("ftp --list-only of a subdirectory", "-sS", "--list-only", "{ftp}/pub/"),
        C("ftp -I size and time", "-sS", "-I", "{ftp}/hello.txt"),
        C("ftp -I on a directory", "-sS", "-I", "{ftp}/pub/"),
        C("ftp -i prints no header lines", "-sS", "-i", "{ftp}/hello.txt"),
        C("ftp -r a range", "-sS", "-r", "2-5", "{ftp}/hello.txt"),
        C("ftp -r from an offset to the end", "-sS", "-r", "6-", "{ftp}/hello.txt"),
        new("ftp -C - continues a partial file", ["-sS", "-C", "-", "-o", "hello.txt", "{ftp}/hello.txt"],
            Local: Files("hello.txt", "hello ")),
        C("ftp -C with an offset", "-sS", "-C", "10", "{ftp}/hello.txt"),
        new("ftp -R gives the file the remote time", ["-sS", "-R", "-o", "hello.txt", "{ftp}/hello.txt"], Times: true),
        C("ftp --ftp-method nocwd", "-sS", "--ftp-method", "nocwd", "{ftp}/pub/a.txt"),
        C("ftp --ftp-method singlecwd", "-sS", "--ftp-method", "singlecwd", "{ftp}/pub/a.txt"),
        C("ftp --ftp-method multicwd", "-sS", "--ftp-method", "multicwd", "{ftp}/pub/a.txt"),
        C("ftp --ftp-method unknown", "-S", "--no-progress-meter", "--ftp-method", "sideways", "{ftp}/pub/a.txt"),
        // Connection modes
        C("ftp -P - active mode", "-sS", "-P", "-", "{ftp}/hello.txt"),
        C("ftp -P with an address", "-sS", "-P", "127.0.0.1", "{ftp}/hello.txt"),
        C("ftp -P then --ftp-pasv is passive", "-sS", "-P", "-", "--ftp-pasv", "{ftp}/hello.txt"),
        C("ftp --disable-epsv", "-sS", "--disable-epsv", "{ftp}/hello.txt"),
        C("ftp active with --disable-eprt", "-sS", "-P", "-", "--disable-eprt", "{ftp}/hello.txt"),
        C("ftp --ftp-skip-pasv-ip", "-sS", "--disable-epsv", "--ftp-skip-pasv-ip", "{ftp}/hello.txt"),
        C("ftp --no-ftp-skip-pasv-ip", "-sS", "--disable-epsv", "--no-ftp-skip-pasv-ip", "{ftp}/hello.txt"),
        // Uploads
        C("ftp -T to a URL ending in /", "-sS", "-T", "{in}/upload.txt", "{ftp}/upload/"),
        C("ftp -T to a named file", "-sS", "-T", "{in}/upload.txt", "{ftp}/upload/named.txt"),
        new("ftp -T from stdin", ["-sS", "-T", "-", "{ftp}/upload/stdin.txt"], Stdin: "from stdin\n"),
        new("ftp -a appends", ["-sS", "-a", "-T", "{in}/upload.txt", "{ftp}/upload/log.txt"], OnServer: Files("log.txt", "first line\n")),
        new("ftp -T replaces without -a", ["-sS", "-T", "{in}/upload.txt", "{ftp}/upload/log.txt"], OnServer: Files("log.txt", "first line\n")),
        new("ftp -C - resumes an upload", ["-sS", "-C", "-", "-T", "{in}/upload.txt", "{ftp}/upload/part.txt"],
            OnServer: Files("part.txt", "uploaded")),
        new("ftp -C - upload the server has in full", ["-sS", "-C", "-", "-T", "{in}/upload.txt", "{ftp}/upload/full.txt"],
            OnServer: Files("full.txt", "uploaded content\n")),
        C("ftp --ftp-create-dirs", "-sS", "--ftp-create-dirs", "-T", "{in}/upload.txt", "{ftp}/upload/new/deep/file.txt"),
        C("ftp upload into a missing directory", "-sS", "-T", "{in}/upload.txt", "{ftp}/upload/missing/file.txt"),
        // Quote commands
        C("ftp -Q before the transfer", "-sS", "-Q", "NOOP", "{ftp}/hello.txt"),
        C("ftp -Q failing", "-sS", "-Q", "BOGUS", "{ftp}/hello.txt"),
        C("ftp -Q with * ignores a failure", "-sS", "-Q", "*BOGUS", "{ftp}/hello.txt"),
        C("ftp -Q + just before the transfer", "-sS", "-Q", "+NOOP", "{ftp}/hello.txt"),
        C("ftp -Q + failing", "-sS", "-Q", "+BOGUS", "{ftp}/hello.txt"),
        C("ftp -Q - after the transfer", "-sS", "-Q", "-NOOP", "{ftp}/hello.txt"),
        new("ftp -Q renames on the server", ["-sS", "-Q", "RNFR upload/old.txt", "-Q", "RNTO upload/new.txt", "{ftp}/hello.txt"],
            OnServer: Files("old.txt", "renamed\n")),
        new("ftp -Q - deletes after an upload", ["-sS", "-T", "{in}/upload.txt", "-Q", "-DELE gone.txt", "{ftp}/upload/kept.txt"],
            OnServer: Files("gone.txt", "x\n")),
        C("ftp -Q - failing", "-sS", "-Q", "-BOGUS", "{ftp}/hello.txt"),
        // Errors
        C("ftp missing file", "-sS", "{ftp}/missing.txt"),
        C("ftp missing file, silent", "-s", "{ftp}/missing.txt"),
        C("ftp login denied", "-sS", "-u", "bad:user", "{ftp}/hello.txt"),
        C("ftp missing directory", "-sS", "{ftp}/nodir/file.txt"),
        C("ftp -w response code", "-sS", "-o", "/dev/null", "-w", "%{response_code} %{size_download}\\n", "{ftp}/hello.txt"),
    ];
}
