namespace Curlew.Cli.Trace;

/// <summary>Which of curl's trace outputs a run asked for; only one is active, the last one given.</summary>
internal enum TraceKind
{
    None,
    /// <summary>-v: "* ", "> " and "< " lines on stderr.</summary>
    Plain,
    /// <summary>--trace: every event with a hex dump and an ASCII column.</summary>
    Hex,
    /// <summary>--trace-ascii: every event as text, 64 characters a line, CRLF ending a line.</summary>
    Ascii,
}

/// <summary>The trace flags as read: the kind, its destination ("-" stdout, "%" stderr, else a file) and --trace-time.</summary>
internal sealed class TraceSettings
{
    public TraceKind Kind { get; set; }
    public string Destination { get; set; } = "%";
    public bool Time { get; set; }
}
