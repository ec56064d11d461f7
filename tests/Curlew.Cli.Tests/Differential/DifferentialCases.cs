namespace Curlew.Cli.Tests.Differential;

/// <summary>Every command line compared with curl 7.88.1: flags, their combinations and the error paths.</summary>
public static partial class DifferentialCases
{
    private static DifferentialCase C(string name, params string[] args) => new(name, args);

    public static readonly DifferentialCase[] All =
    [
        // Grammar
        C("plain GET to stdout", "-sS", "{url}/text"),
        C("combined short flags with attached output", "-sSofile.txt", "{url}/text"),
        C("combined short flags, output as next word", "-sSo", "out.txt", "{url}/text"),
        C("long names", "--silent", "--show-error", "--output", "long.txt", "{url}/text"),
        C("unambiguous prefix of a long name", "--sil", "--show-e", "{url}/text"),
        C("ambiguous prefix", "--r", "1", "{url}/text"),
        C("--no- form of a boolean", "-s", "--no-silent", "--no-progress-meter", "{url}/text"),
        C("--no- on a non-boolean", "--no-output", "x", "{url}/text"),
        C("--no- with a prefix is unknown", "--no-verb", "{url}/text"),
        C("--output= is not a form curl knows", "--output=x", "{url}/text"),
        C("double dash ends the flags", "-sS", "--", "{url}/text"),
        C("two URLs", "-sS", "{url}/text", "{url}/echo"),
        C("two URLs with two outputs", "-sS", "-o", "one.txt", "{url}/text", "-o", "two.txt", "{url}/echo"),
        C("--url", "-sS", "--url", "{url}/text"),
        C("unknown long option", "--bogus", "{url}/text"),
        C("unknown short option inside a bundle", "-sW", "{url}/text"),
        C("lone dash", "-"),
        C("missing argument", "-sS", "{url}/text", "-o"),
        C("missing argument at the end of a bundle", "-sSo"),
        C("bad number", "-m", "abc", "{url}/text"),
        C("negative seconds", "-m", "-1", "{url}/text"),
        C("bad --max-redirs", "--max-redirs", "1.5", "{url}/text"),
        C("no URL", "-s"),
        C("no arguments at all"),
        C("help", "-s", "-h"),
        // Output
        C("remote name", "-sS", "-O", "{url}/files/name.txt"),
        C("remote name with an output dir and created dirs", "-sS", "--create-dirs", "--output-dir", "sub/dir", "-O", "{url}/files/deep.txt"),
        C("created directories for -o", "-sS", "--create-dirs", "-o", "a/b/c.txt", "{url}/text"),
        C("created directories blocked by a file", "-sS", "--create-dirs", "-o", "f/sub/deeper/x.txt", "{url}/text")
            with { Seed = new Dictionary<string, string> { ["f"] = "a file\n" } },
        C("created directories blocked by a file, silent", "-s", "--create-dirs", "-o", "f/sub/x.txt", "{url}/text")
            with { Seed = new Dictionary<string, string> { ["f"] = "a file\n" } },
        C("empty body still creates the file", "-sS", "-o", "empty.txt", "{url}/empty"),
        C("remote name without a file name", "-sS", "-O", "{url}/"),
        C("remote name without a file name, not silent", "-O", "{url}/"),
        C("no-clobber on a free name writes the name itself", "-sS", "--no-clobber", "-o", "out.txt", "-w", "%{filename_effective}\\n", "{url}/text"),
        C("no-clobber keeps an existing file and writes NAME.1", "-sS", "--no-clobber", "-o", "out.txt", "-w", "%{filename_effective}\\n", "{url}/text")
            with { Seed = new Dictionary<string, string> { ["out.txt"] = "old\n" } },
        C("no-clobber takes the first free number", "-sS", "--no-clobber", "-o", "out.txt", "{url}/text")
            with { Seed = new Dictionary<string, string> { ["out.txt"] = "old\n", ["out.txt.1"] = "older\n", ["out.txt.3"] = "3\n" } },
        C("no-clobber with a remote name", "-sS", "--no-clobber", "-O", "{url}/files/name.txt")
            with { Seed = new Dictionary<string, string> { ["name.txt"] = "mine\n" } },
        C("no-clobber with every name taken fails with 23", "--no-progress-meter", "--no-clobber", "-o", "out.txt", "-w", "%{filename_effective}\\n", "{url}/text")
            with { Seed = Enumerable.Range(0, 100).ToDictionary(n => n == 0 ? "out.txt" : $"out.txt.{n}", n => $"{n}\n") },
        C("no-clobber goes no further than NAME.99", "-sS", "--no-clobber", "-o", "out.txt", "{url}/text")
            with { Seed = Enumerable.Range(0, 99).ToDictionary(n => n == 0 ? "out.txt" : $"out.txt.{n}", n => $"{n}\n") },
        C("a full disk at the end fails with 23 (Failed writing body)", "-sS", "-o", "/dev/full", "{url}/text"),
        C("a full disk mid-body fails with 23", "-sS", "-o", "/dev/full", "{url}/big"),
        C("no-clobber does not stop a resumed download appending", "-sS", "--no-clobber", "-C", "-", "-o", "part.txt", "{url}/range")
            with { Seed = new Dictionary<string, string> { ["part.txt"] = "0123" } },
        C("an output file in a missing directory fails with 23 and a warning", "--no-progress-meter", "-o", "nodir/f.txt", "{url}/text"),
        C("an output path that is a directory fails with 23", "--no-progress-meter", "-o", ".", "{url}/text"),
        C("-s mutes the open warning, -S keeps the error", "-sS", "-o", "nodir/f.txt", "{url}/text"),
        // HTTP behaviour
        C("fail on 404", "-sSf", "{url}/status/404"),
        C("fail without -S is quiet", "-sf", "{url}/status/404"),
        C("no fail: 404 body is output", "-sS", "{url}/status/404"),
        C("fail with body", "-sS", "--fail-with-body", "{url}/status/500"),
        C("follow redirects", "-sSL", "{url}/redirect/3"),
        C("redirect not followed", "-sS", "{url}/redirect/1"),
        C("redirect loop hits max-redirs", "-sSL", "--max-redirs", "3", "{url}/loop"),
        C("head", "-sSI", "{url}/headers"),
        C("include", "-sSi", "{url}/headers"),
        C("custom method", "-sS", "-X", "DELETE", "{url}/echo"),
        C("custom headers and removal", "-sS", "-H", "X-Custom: 1", "-H", "Accept:", "-H", "X-Empty;", "{url}/echo"),
        C("headers from a file", "-sS", "-H", "@{in}/headers.txt", "{url}/echo"),
        C("user agent", "-sS", "-A", "agent/1.0", "{url}/echo"),
        C("referer", "-sS", "-e", "http://from.example/", "{url}/echo"),
        C("auto referer", "-sSL", "-e", "http://start.example/;auto", "{url}/redirect/1"),
        C("cookie string", "-sS", "-b", "a=1; b=2", "{url}/echo"),
        C("data", "-sS", "-d", "a=1", "-d", "b=2", "{url}/echo"),
        C("data from a file drops line breaks", "-sS", "-d", "@{in}/form.txt", "{url}/echo"),
        C("binary data from a file", "-sS", "--data-binary", "@{in}/raw.bin", "{url}/echo"),
        C("raw data keeps the at sign", "-sS", "--data-raw", "@not-a-file", "{url}/echo"),
        C("urlencode forms", "-sS", "--data-urlencode", "a b", "--data-urlencode", "=c&d", "--data-urlencode", "n=v w",
            "--data-urlencode", "f@{in}/text.txt", "--data-urlencode", "@{in}/text.txt", "{url}/echo"),
        C("json", "-sS", "--json", "{\"a\":1}", "--json", "[2]", "{url}/echo"),
        C("get with data", "-sS", "-G", "-d", "q=1", "-d", "r=2", "{url}/echo?x=0"),
        C("upload a file", "-sS", "-T", "{in}/upload.txt", "{url}/echo"),
        C("upload a file to a folder URL", "-sS", "-T", "{in}/upload.txt", "{url}/"),
        C("upload from stdin", "-sS", "-T", "-", "{url}/echo") with { Stdin = "from stdin\n" },
        C("basic user", "-sS", "-u", "user:pass", "{url}/basic"),
        C("wrong user", "-sSf", "-u", "user:nope", "{url}/basic"),
        C("explicit basic", "-sS", "--basic", "-u", "user:pass", "{url}/basic"),
        C("anyauth", "-sS", "--anyauth", "-u", "user:pass", "{url}/basic"),
        C("digest without a challenge", "-sS", "--digest", "-u", "user:pass", "{url}/echo"),
        C("range", "-sS", "-r", "10-19", "{url}/range"),
        C("bad range characters warn", "-sS", "-r", "x-y", "{url}/range"),
        C("continue at an offset", "-sS", "-C", "90", "{url}/range"),
        new("continue where the file ends", ["-sS", "-C", "-", "-o", "part.txt", "{url}/range"],
            Seed: new Dictionary<string, string> { ["part.txt"] = "0123456789012345" }),
        C("resolve", "-sS", "--resolve", "cli.test:{port}:127.0.0.1", "http://cli.test:{port}/echo"),
        C("connect-to", "-sS", "--connect-to", "elsewhere.test:80:127.0.0.1:{port}", "http://elsewhere.test/echo"),
        C("unix socket", "-sS", "--unix-socket", "{unix}", "http://localhost/echo"),
        C("ipv4", "-sS4", "{url}/text"),
        C("ipv6 against an IPv4 address", "-sS6", "{url}/text") with
        {
            Differs = Channel.ExitCode | Channel.Stderr,
            Reason = "library: an IPv4 literal under IpResolve v6 is 'Couldn't resolve host' (6); libcurl tries and fails to connect (7)",
        },
        C("include across redirects", "-sSiL", "{url}/redirect/1"),
        C("fail with body on success", "-sS", "--fail-with-body", "{url}/text"),
        C("PUT with data", "-sS", "-X", "PUT", "-d", "x=1", "{url}/echo"),
        C("head with -G data", "-sSIG", "-d", "q=1", "{url}/echo"),
        C("max-redirs without -L is not used", "-sS", "--max-redirs", "0", "{url}/redirect/1"),
        C("max-redirs 0 with -L", "-sSL", "--max-redirs", "0", "{url}/redirect/1"),
        C("silent hides the progress meter and -S brings back errors only", "-sS", "-o", "x.txt", "{url}/status/404"),
        // The stall's first byte must arrive before -m ends for both, even on a loaded machine: 4 s, not 1.
        C("max time", "-sS", "-m", "4", "{url}/stall"),
        C("connect timeout accepted", "-sS", "--connect-timeout", "5", "{url}/text"),
        C("speed limit", "-sS", "-Y", "1000", "-y", "1", "{url}/stall"),
        C("max filesize", "-sS", "--max-filesize", "100", "{url}/big") with
        {
            Differs = Channel.Stderr,
            Reason = "library: its message is 'Exceeded the maximum allowed file size (100)'; curl 7.88 prints the bare strerror",
        },
        C("dump header to a file", "-sS", "-D", "head.txt", "{url}/headers"),
        C("dump header to stdout", "-sS", "-D", "-", "{url}/text"),
        // Write-out
        C("write-out variables", "-sS", "-o", "/dev/null", "-w",
            "%{http_code} %{response_code} %{url_effective} %{num_connects} %{num_redirects} %{size_download} %{content_type} %{scheme} %{method} %{exitcode} %{remote_ip}\\n",
            "{url}/text"),
        C("write-out after redirects", "-sSL", "-o", "/dev/null", "-w", "%{num_redirects} %{url_effective} %{redirect_url}\\n", "{url}/redirect/2"),
        C("write-out redirect_url", "-sS", "-o", "/dev/null", "-w", "%{redirect_url}\\n", "{url}/redirect/2"),
        C("write-out sizes", "-sS", "-o", "/dev/null", "-w", "%{size_upload} %{size_header} %{size_request}\\n", "-A", "same/1", "-d", "abc", "{url}/echo"),
        C("write-out headers", "-sS", "-o", "/dev/null", "-w", "%header{x-one}|%header{content-type}|%header{missing}\\n", "{url}/headers"),
        C("write-out streams and escapes", "-sS", "-w", "%{stderr}to stderr\\t%%\\n%{stdout}back\\n", "{url}/text"),
        C("write-out unknown variable", "-sS", "-w", "[%{bogus}]\\n", "{url}/text"),
        C("write-out from a file", "-sS", "-o", "/dev/null", "-w", "@{in}/format.txt", "{url}/text"),
        C("write-out on error", "-s", "-w", "%{exitcode} %{http_code}\\n", "http://127.0.0.1:1/"),
        C("write-out json", "-sS", "-o", "/dev/null", "-w", "%{json}", "{url}/text") with
        {
            Differs = Channel.Stdout,
            Reason = "curlew knows fewer variables than curl (no certs, proxy_*, ssl_*, ...) and names its own version",
        },
        C("write-out time", "-sS", "-o", "/dev/null", "-w", "%{time_total}\\n", "{url}/text"),
        // Errors and meters
        C("unreachable port", "-sS", "http://127.0.0.1:1/") with
        {
            Differs = Channel.Stderr,
            Reason = "library: its connect message ends with the socket error '(Connection refused)'",
        },
        C("unreachable port, silent", "-s", "http://127.0.0.1:1/"),
        // curl's message here comes from its URL globbing, which curlew now shares.
        C("bad URL", "-sS", "http://[bad/"),
        C("unsupported scheme", "-sS", "foo://x/"),
        C("progress meter when output is redirected", "{url}/text"),
        // Parts not built yet: the flags parse; the transfer answers with an unsupported-feature code.
        C("TLS flags parse", "-sS", "-k", "--cacert", "/nonexistent", "--capath", "/nonexistent", "--tlsv1.2", "--tlsv1.3",
            "--pinnedpubkey", "sha256//x", "{url}/text"),
        C("FTP flags parse", "-sS", "-P", "-", "--ftp-pasv", "--disable-epsv", "--disable-eprt", "-l", "-a", "-Q", "NOOP",
            "--ftp-create-dirs", "--ssl", "--ssl-reqd", "{url}/text"),
        C("noproxy parses", "-sS", "--noproxy", "*", "{url}/text"),
        C("https to an unreachable port", "-sS", "https://127.0.0.1:1/") with
        {
            Differs = Channel.Stderr,
            Reason = "library: the connect message ends with '(Connection refused)' (see unreachable port)",
        },
        C("ftp to an unreachable port", "-sS", "ftp://127.0.0.1:1/") with
        {
            Differs = Channel.Stderr,
            Reason = "library: its connect message ends with the socket error '(Connection refused)' (see unreachable port)",
        },
        C("a proxy that refuses the connection", "-sS", "-x", "http://127.0.0.1:1", "{url}/text") with
        {
            Differs = Channel.Stderr,
            Reason = "library: its connect message ends with the socket error '(Connection refused)' (see unreachable port)",
        },
        C("progress meter and an error", "http://127.0.0.1:1/") with
        {
            Differs = Channel.Stderr,
            Reason = "library: the connect message ends with '(Connection refused)' (see unreachable port)",
        },
        C("verbose", "-sv", "-o", "/dev/null", "{url}/text") with
        {
            Differs = Channel.Stderr,
            Reason = "library: its trace text has no connection numbers ('port N (#0)', 'Connection #0 to host')",
        },
    ];
}
