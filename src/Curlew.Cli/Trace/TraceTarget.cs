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
        // Synchronized: with -Z several transfers write records at once, and a record must never be split.
        if (destination == "-") { Stream = Stream.Synchronized(stdout); return; }
        if (destination == "%") { Stream = Stream.Synchronized(stderr); return; }
        try { Stream = Stream.Synchronized(_file = new FileStream(destination, FileMode.Create, FileAccess.Write)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Stream = Stream.Synchronized(stderr); }
    }

    /// <summary>The target <paramref name="settings"/> ask for, or null when no trace dump was asked for.</summary>
    public static TraceTarget? For(TraceSettings settings, Stream stdout, Stream stderr) =>
        settings.Kind is TraceKind.Hex or TraceKind.Ascii ? new TraceTarget(settings.Destination, stdout, stderr) : null;

    public void Dispose() => _file?.Dispose();
}
