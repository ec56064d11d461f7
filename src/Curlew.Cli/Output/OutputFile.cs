namespace Curlew.Cli.Output;

/// <summary>
/// Where a transfer's body goes. A named file is opened on the first byte (so a failed transfer leaves no file, as
/// with curl) and created empty at the end of a successful transfer that sent nothing. Standard output is never closed.
/// </summary>
internal sealed class OutputFile(string? path, bool append, bool createDirs, Stream stdout) : IDisposable
{
    private Stream? _stream;

    /// <summary>The file name, or null for standard output.</summary>
    public string? Path { get; } = path;

    /// <summary>True once a byte went to standard output (curl's binary-to-terminal check looks at the first bytes).</summary>
    public bool IsStdout => Path == null;

    public void Write(ReadOnlySpan<byte> data)
    {
        Open().Write(data);
    }

    /// <summary>Makes sure the file exists, for transfers that succeeded with an empty body.</summary>
    public void Touch()
    {
        if (Path != null) Open();
    }

    public void Flush() => _stream?.Flush();

    /// <summary>-R: closes the file and gives it the remote file's time (access and modification, as curl does).</summary>
    public void SetTime(long unixSeconds)
    {
        if (Path == null || unixSeconds < 0) return;
        Dispose();
        if (!File.Exists(Path)) return;
        var time = DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime;
        File.SetLastWriteTimeUtc(Path, time);
        File.SetLastAccessTimeUtc(Path, time);
    }

    private Stream Open()
    {
        if (_stream != null) return _stream;
        if (Path == null) return _stream = stdout;
        if (createDirs)
        {
            string? dir = System.IO.Path.GetDirectoryName(Path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        return _stream = new FileStream(Path, append ? FileMode.Append : FileMode.Create, FileAccess.Write);
    }

    public void Dispose()
    {
        if (_stream == null) return;
        _stream.Flush();
        if (Path != null) _stream.Dispose();
        _stream = null;
    }
}
