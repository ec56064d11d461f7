namespace Curlew.Cli.Trace;

/// <summary>
/// Where the trace goes for the whole run, opened once (curl truncates a trace file once, for all its URLs): "-" is
/// standard output (shared with bodies written there, so the order is kept), "%" standard error, anything else a file.
/// A file that cannot be created sends the trace to standard error instead, silently, as curl 7.88 does.
/// </summary>
internal sealed class TraceTarget : IDisposable
{
    private readonly FileStream? _file;

    public Stream Stream { get; }

    public TraceTarget(string destination, Stream stdout, Stream stderr)
    {
        if (destination == "-") { Stream = stdout; return; }
        if (destination == "%") { Stream = stderr; return; }
        try { Stream = _file = new FileStream(destination, FileMode.Create, FileAccess.Write); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Stream = stderr; }
    }

    public void Dispose() => _file?.Dispose();
}
