using System.Diagnostics;
using Curlew.Cli.Args;
using Curlew.Cli.Output;
using Curlew.Cli.Text;
using Curlew.Cli.Trace;
using Curlew.Cli.WriteOut;

namespace Curlew.Cli.Transfer;

/// <summary>
/// Runs one transfer of a URL group (the order and the handles are <see cref="GroupRunner"/>'s), writes bodies and
/// headers where the flags say, reports errors in curl's format, and returns the transfer's exit code.
/// </summary>
internal sealed class TransferRunner(CliOptions o, Stream stdout, Stream stderrStream, TextWriter stderr)
{
    // --deny-private is the library's SSRF guard with its defaults, except that a Unix socket named with --unix-socket
    // is the caller's explicit choice of a local target and passes (it has no IP address to judge).
    private static readonly SsrfGuard DenyPrivate = SsrfGuard.Default.ToBuilder().AllowUnixSockets().Build();

    private readonly bool _stdoutIsTerminal = !Console.IsOutputRedirected;
    /// <summary>The run's --trace/--trace-ascii destination, opened once for every transfer (null without either).</summary>
    public TraceTarget? SharedTrace { get; init; }

    /// <summary>The body the data flags make (null for none), or false after reporting a file that cannot be read.</summary>
    public bool TryBuildBody(out byte[]? body, out int exit)
    {
        exit = 0;
        try { body = RequestBody.Build(o.Data, ReadLocalFile); return true; }
        catch (IOException) { body = null; exit = Report(CurlCode.ReadError, Curl.StrError(CurlCode.ReadError)); return false; }
    }

    /// <summary>One transfer on <paramref name="easy"/>, performed synchronously (see <see cref="RunOneAsync"/>).</summary>
    public int RunOne(CurlEasy easy, PlannedTransfer t) =>
        RunOneAsync(easy, t, parallel: false).GetAwaiter().GetResult();

    /// <summary>True when <paramref name="file"/> is a -T file (not stdin) that cannot be opened for reading.</summary>
    public static bool CannotOpen(string? file)
    {
        if (file is null or "-") return false;
        try
        {
            using var probe = File.OpenRead(file);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>
    /// curl opens a -T file when it sets the transfer up; one it cannot open ends the whole run there with its
    /// "Can't open" notice (not muted by -s), then the read error as an error (muted by -s), and 26.
    /// <paramref name="errors"/> is how many times the error line is printed: a -Z run prints it once more for each
    /// transfer it had set up and not started.
    /// </summary>
    public int RefuseUpload(string file, int errors = 1)
    {
        stderr.Write($"curlew: Can't open '{file}'!\n{Program.TryHelp}");
        for (int i = 0; i < errors; i++) Report(CurlCode.ReadError, Curl.StrError(CurlCode.ReadError));
        return (int)CurlCode.ReadError;
    }

    /// <summary>
    /// One transfer: <paramref name="index"/> is the URL's place on the command line (globbed URLs share it). In a
    /// parallel run the transfer goes through PerformAsync and the per-transfer meter gives way to the parallel one.
    /// </summary>
    public async Task<int> RunOneAsync(CurlEasy easy, PlannedTransfer t, bool parallel)
    {
        var (url, target, index, body, uploadFile) = (t.Url, t.Target, t.Index, t.Body, t.UploadFile);
        if (!OutputNaming.TryResolve(url, target.FileName, target.RemoteName, o.OutputDir, out string? path))
        {
            // curl's order: a note silenced by -s, then the write error, and no request is made.
            if (!o.Silent) stderr.Write("curlew: Remote file name has no length!\n");
            return Report(CurlCode.WriteError, Curl.StrError(CurlCode.WriteError));
        }
        if (o.CreateDirs && path != null && OutputDirectories.Create(path) is { } notice)
        {
            stderr.Write(notice + "\n");   // curl prints it even with -s, then the error, and makes no request
            return Report(CurlCode.WriteError, Curl.StrError(CurlCode.WriteError));
        }
        easy.Reset();
        EasySetup.Apply(easy, o, url, body);
        long resume = ResumeOffset(path);
        if (resume > 0) easy.SetOpt(CurlOption.ResumeFromLarge, resume);
        using var output = new OutputFile(path, append: resume > 0, o.NoClobber, stdout, Warn);
        using var upload = OpenUpload(easy, uploadFile, ref url);
        if (upload == null) return Report(CurlCode.ReadError, Curl.StrError(CurlCode.ReadError));
        // -C - on an upload: libcurl asks the server how much it already has (-1).
        if (uploadFile != null && o.ContinueAt == -1) easy.SetOpt(CurlOption.ResumeFromLarge, -1L);
        var headers = new HeaderCollector(o.DumpHeader, stdout, o.CreateDirs);
        bool binaryRefused = false;
        var binaryCheck = new BinaryToTerminal(output.IsStdout && _stdoutIsTerminal && target.FileName != "-");
        easy.WriteFunction = (data, _) =>
        {
            if (binaryCheck.Refuses(data))
            {
                binaryRefused = true;
                return 0;
            }
            return output.Write(data) ? data.Length : 0;   // a file that cannot be opened ends the transfer with 23
        };
        easy.HeaderFunction = (data, _) => headers.Add(data);
        // -I prints the response head to the output, as -i does.
        if (o.Head) easy.SetOpt(CurlOption.Header, true);
        if (o.Verbose) new TraceWriter(stderr, showData: !_stdoutIsTerminal, o.Trace.Time).Attach(easy);
        if (SharedTrace != null) new TraceDump(SharedTrace.Stream, o.Trace.Kind == TraceKind.Ascii, o.Trace.Time).Attach(easy);
        if (o.SocketLog) new SocketLog(stderr).Attach(easy);
        if (o.DenyPrivate) easy.SsrfGuard = DenyPrivate;
        var meter = !parallel && ShowsMeter(path) ? new ProgressMeter(stderr) : null;
        meter?.Start(easy);
        CurlCode code = NotBuiltYet() ?? (parallel ? await easy.PerformAsync().ConfigureAwait(false) : easy.Perform());
        string message = CurlMessages.For(code, easy.ErrorMessage);
        if (code == CurlCode.Ok && o.FailWithBody && Info(easy, CurlInfo.ResponseCode) >= 400)
        {
            code = CurlCode.HttpReturnedError;
            message = $"The requested URL returned error: {Info(easy, CurlInfo.ResponseCode)}";
        }
        meter?.Finish(Info(easy, CurlInfo.ContentLengthDownloadT), Info(easy, CurlInfo.SizeDownloadT), Info(easy, CurlInfo.SizeUploadT));
        if (code == CurlCode.Ok && !output.Touch()) code = CurlCode.WriteError;
        if ((output.OpenFailed || output.WriteFailed) && code == CurlCode.WriteError) message = FailureWriting;
        if (!output.Flush() && code == CurlCode.Ok)
        {
            code = CurlCode.WriteError;
            message = "Failed writing body";   // curl's words when the data fails at the end (flush, close)
        }
        if (code == CurlCode.Ok && o.RemoteTime) output.SetTime(Info(easy, CurlInfo.FiletimeT));
        headers.Close();
        if (binaryRefused)
        {
            // A warning, so -s mutes it as curl's warnings are; the exit code stays.
            if (!o.Silent) stderr.Write("Warning: Binary output can mess up your terminal. Use \"--output -\" to tell \n" +
                         "Warning: curlew to output it to your terminal anyway, or consider \"--output \n" +
                         "Warning: <FILE>\" to save to a file.\n");
            return (int)CurlCode.WriteError;
        }
        if (code != CurlCode.Ok) Report(code, message);
        if (o.WriteOut != null)
        {
            var context = new WriteOutContext(easy, code, code == CurlCode.Ok ? "" : message, url, output.Path, index, headers.Last);
            stdout.Flush();
            WriteOutFormatter.Write(ReadFormat(o.WriteOut), context, stdout, stderrStream, c => stderr.Write($"curlew: {c}\n"));
            stdout.Flush();
        }
        return (int)code;
    }

    // The library has no cookie engine yet: a cookie file or jar is refused as curl refuses a feature its libcurl lacks.
    private CurlCode? NotBuiltYet() => o.CookieFiles.Count == 0 && o.CookieJar == null ? null : CurlCode.NotBuiltIn;

    // libcurl 7.88's words when the write callback takes fewer bytes than it was given.
    private const string FailureWriting = "Failure writing output to destination";

    // curl's warnings: muted by -s (even with -S), printed where the output is at that moment.
    private void Warn(string text)
    {
        if (!o.Silent) stderr.Write($"Warning: {text}\n");
    }

    public int Report(CurlCode code, string message)
    {
        if (!o.Silent || o.ShowError)
        {
            stderr.Write($"curlew: ({(int)code}) {message}\n");
            if (code == CurlCode.PeerFailedVerification) stderr.Write(CurlMessages.VerificationHelp);
        }
        return (int)code;
    }

    private bool ShowsMeter(string? path) =>
        !o.Silent && !o.NoProgressMeter && !(path == null && _stdoutIsTerminal);

    private long ResumeOffset(string? path)
    {
        if (o.ContinueAt is not long at) return 0;
        if (at >= 0) return at;
        return path != null && File.Exists(path) ? new FileInfo(path).Length : 0;
    }

    // -T: the file (or stdin for "-") becomes the upload; a URL ending in '/' gets the file's name appended, as in curl.
    private static Stream? OpenUpload(CurlEasy easy, string? file, ref string url)
    {
        if (file == null) return Stream.Null;
        Stream source;
        try { source = file == "-" ? Console.OpenStandardInput() : File.OpenRead(file); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        if (url.EndsWith('/') && file != "-")
        {
            url += Path.GetFileName(file);
            easy.SetOpt(CurlOption.Url, url);
        }
        easy.SetOpt(CurlOption.Upload, true);
        if (source.CanSeek) easy.SetOpt(CurlOption.InFileSizeLarge, source.Length);
        easy.SetOpt(CurlOption.ReadFunction, (ReadCallback)((buffer, _) => source.Read(buffer)));
        return source;
    }

    private static string ReadFormat(string format)
    {
        if (!format.StartsWith('@')) return format;
        string file = format[1..];
        return file == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file);
    }

    private static byte[] ReadLocalFile(string name)
    {
        if (name != "-") return File.ReadAllBytes(name);
        using var stdin = Console.OpenStandardInput();
        using var copy = new MemoryStream();
        stdin.CopyTo(copy);
        return copy.ToArray();
    }

    private static long Info(CurlEasy easy, CurlInfo info) => easy.GetInfo(info) switch
    {
        long l => l,
        int i => i,
        _ => 0,
    };
}
