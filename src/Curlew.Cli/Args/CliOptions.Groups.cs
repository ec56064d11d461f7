namespace Curlew.Cli.Args;

/// <summary>
/// The parts of <see cref="CliOptions"/> for several URL groups (--next), globbing, parallel transfers and cookies.
/// Each --next group has its own CliOptions; the settings curl keeps once for the whole run (its "global" options) are
/// copied so that every group sees the value given last anywhere on the command line.
/// </summary>
internal sealed partial class CliOptions
{
    public bool Globoff, Parallel, ParallelImmediate;
    public long ParallelMax = 50;                    // curl's default for --parallel-max
    public List<string> CookieFiles { get; } = [];   // -b with a file name rather than "name=value"
    public string? CookieJar;

    /// <summary>A fresh group after --next: nothing carries over but the global settings and the warning list.</summary>
    public CliOptions NextGroup()
    {
        var next = new CliOptions { Warnings = Warnings };
        next.CopyGlobalsFrom(this);
        return next;
    }

    /// <summary>Copies the options curl treats as global (one value for all transfers).</summary>
    public void CopyGlobalsFrom(CliOptions other)
    {
        Silent = other.Silent;
        ShowError = other.ShowError;
        Verbose = other.Verbose;
        NoProgressMeter = other.NoProgressMeter;
        SocketLog = other.SocketLog;
        Parallel = other.Parallel;
        ParallelImmediate = other.ParallelImmediate;
        ParallelMax = other.ParallelMax;
        Trace = other.Trace;
        DenyPrivate = other.DenyPrivate;
    }
}
