using System.Text;

namespace Curlew.Cli.Output;

/// <summary>
/// Receives every response header line: writes them to the -D file (or stdout for "-") and keeps the last response's
/// header fields for -w's %header{} and num_headers.
/// </summary>
internal sealed class HeaderCollector(string? dumpPath, Stream stdout, bool createDirs)
{
    private readonly List<KeyValuePair<string, string>> _current = [];
    private Stream? _dump;

    /// <summary>The header fields of the most recent response head.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Last => _current;

    public long Add(ReadOnlySpan<byte> line)
    {
        if (dumpPath != null) Dump().Write(line);
        string text = Encoding.Latin1.GetString(line).TrimEnd('\r', '\n');
        if (text.StartsWith("HTTP/", StringComparison.Ordinal)) _current.Clear();
        int colon = text.IndexOf(':');
        if (colon > 0) _current.Add(new(text[..colon], text[(colon + 1)..].Trim()));
        return line.Length;
    }

    public void Close()
    {
        if (_dump == null) return;
        _dump.Flush();
        if (_dump != stdout) _dump.Dispose();
        _dump = null;
    }

    private Stream Dump()
    {
        if (_dump != null) return _dump;
        if (dumpPath == "-") return _dump = stdout;
        if (createDirs)
        {
            string? dir = Path.GetDirectoryName(dumpPath);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
        }
        return _dump = new FileStream(dumpPath!, FileMode.Create, FileAccess.Write);
    }
}
