using System.Runtime.InteropServices;

namespace Curlew.Cli.Output;

/// <summary>
/// Where a transfer's body goes. A named file is opened on the first byte (so a failed transfer leaves no file, as
/// with curl) and created empty at the end of a successful transfer that sent nothing. Standard output is never closed.
/// A file that cannot be opened is reported once, in curl's words ("Failed to open the file NAME: REASON", a warning
/// that -s mutes), and every write then fails, so the transfer ends with curl's 23; so does a write or the final flush
/// that fails (a full disk).
/// </summary>
internal sealed class OutputFile(string? path, bool append, bool noClobber, Stream stdout, Action<string> warn) : IDisposable
{
    /// <summary>curl 7.88's --no-clobber tries NAME.1 to NAME.99 after NAME itself.</summary>
    public const int ClobberAlternatives = 99;

    private Stream? _stream;

    /// <summary>The file written (with --no-clobber, the numbered name taken), or null for standard output.</summary>
    public string? Path { get; private set; } = path;

    /// <summary>True for standard output (curl's binary-to-terminal check looks at the first bytes).</summary>
    public bool IsStdout => Path == null;

    /// <summary>True once the file could not be opened: the transfer ends with 23.</summary>
    public bool OpenFailed { get; private set; }

    /// <summary>True once a write to the opened file failed (a full disk, a broken pipe).</summary>
    public bool WriteFailed { get; private set; }

    /// <summary>Writes to the file (opening it on the first call); false when it cannot be opened or written.</summary>
    public bool Write(ReadOnlySpan<byte> data)
    {
        if (Open() is not { } stream) return false;
        try
        {
            stream.Write(data);
            return true;
        }
        catch (IOException)
        {
            WriteFailed = true;
            return false;
        }
    }

    /// <summary>Makes sure the file exists, for transfers that succeeded with an empty body; false when it cannot be opened.</summary>
    public bool Touch() => Path == null || Open() != null;

    /// <summary>Pushes out what is buffered; false when that fails (curl then ends with 23, "Failed writing body").</summary>
    public bool Flush()
    {
        try
        {
            _stream?.Flush();
            return true;
        }
        catch (IOException)
        {
            WriteFailed = true;
            return false;
        }
    }

    /// <summary>-R: closes the file and gives it the remote file's time (access and modification, as curl does).</summary>
    public void SetTime(long unixSeconds)
    {
        if (Path == null || unixSeconds < 0 || OpenFailed) return;
        Dispose();
        if (!File.Exists(Path)) return;
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        File.SetLastWriteTimeUtc(Path, time);
        File.SetLastAccessTimeUtc(Path, time);
    }

    private Stream? Open()
    {
        if (_stream != null) return _stream;
        if (OpenFailed) return null;
        if (Path == null) return _stream = stdout;
        string wanted = Path;   // --no-clobber may move Path on; the warning names the file asked for, as curl's does
        try
        {
            // --create-dirs made the folders before the transfer (OutputDirectories). A resumed download appends to
            // what is there, so --no-clobber has nothing to protect (as in curl).
            if (append) return _stream = new FileStream(Path, FileMode.Append, FileAccess.Write);
            if (!noClobber) return _stream = new FileStream(Path, FileMode.Create, FileAccess.Write);
            return _stream = CreateUnclobbered();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            OpenFailed = true;
            warn($"Failed to open the file {wanted}: {Reason(ex, wanted)}");
            return null;
        }
    }

    // CreateNew makes each try atomic: a file that appears between the check and the open is never overwritten.
    private FileStream CreateUnclobbered()
    {
        string wanted = Path!;
        string name = wanted;
        for (int n = 0; n <= ClobberAlternatives; n++)
        {
            name = n == 0 ? wanted : $"{wanted}.{n}";
            try
            {
                var stream = new FileStream(name, FileMode.CreateNew, FileAccess.Write);
                Path = name;
                return stream;
            }
            catch (IOException ex) when (ex.HResult == ErrnoExists || File.Exists(name) || Directory.Exists(name)) { }   // taken: the next number
        }
        Path = name;   // curl reports the last name it tried as the effective one; its warning names the first
        throw new IOException("File exists", ErrnoExists);
    }

    private const int ErrnoExists = 17;   // EEXIST

    // curl prints strerror(errno). .NET keeps the errno of a failed open in HResult on Unix; the types it maps to
    // stand in where it does not.
    private static string Reason(Exception ex, string path)
    {
        if (ex is UnauthorizedAccessException && Directory.Exists(path)) return "Is a directory";   // .NET reports EISDIR so
        if (ex is IOException { HResult: > 0 and < 4096 } io && !OperatingSystem.IsWindows())
        {
            string text = Marshal.GetPInvokeErrorMessage(io.HResult);
            if (!string.IsNullOrEmpty(text)) return text;
        }
        return ex switch
        {
            DirectoryNotFoundException or FileNotFoundException => "No such file or directory",
            UnauthorizedAccessException => "Permission denied",
            _ => ex.Message,
        };
    }

    public void Dispose()
    {
        if (_stream == null) return;
        try
        {
            _stream.Flush();
            if (Path != null) _stream.Dispose();
        }
        catch (IOException) { WriteFailed = true; }   // already reported by Flush, or the transfer failed anyway
        _stream = null;
    }
}
