using Curlew.Cli.Args;

namespace Curlew.Cli.Trace;

/// <summary>
/// -v, --trace, --trace-ascii and --trace-time as curl 7.88 reads them: the last of the first three wins, and a
/// different kind replacing an earlier one earns curl's warning (muted by an earlier -s, as all curl's warnings are);
/// --no-verbose turns any trace off.
/// </summary>
internal static class TraceFlags
{
    public static bool Handles(string name) => name is "verbose" or "trace" or "trace-ascii" or "trace-time";

    public static void Apply(CliOptions o, string name, string arg, bool on)
    {
        var t = o.Trace;
        switch (name)
        {
            case "trace-time": t.Time = on; break;
            case "verbose" when !on: t.Kind = TraceKind.None; break;
            case "verbose": Switch(o, TraceKind.Plain, "%", "-v, --verbose"); break;
            case "trace": Switch(o, TraceKind.Hex, arg, "--trace"); break;
            case "trace-ascii": Switch(o, TraceKind.Ascii, arg, "--trace-ascii"); break;
        }
        o.Verbose = t.Kind == TraceKind.Plain;
    }

    private static void Switch(CliOptions o, TraceKind kind, string destination, string flag)
    {
        if (o.Trace.Kind != TraceKind.None && o.Trace.Kind != kind && !o.Silent)
            o.Warnings.Add($"Warning: {flag} overrides an earlier trace/verbose option\n");
        o.Trace.Kind = kind;
        o.Trace.Destination = destination;
    }
}
