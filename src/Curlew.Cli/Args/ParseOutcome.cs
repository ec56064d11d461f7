namespace Curlew.Cli.Args;

/// <summary>What reading the command line decided: go on with the transfers, show help or version, or stop with an error.</summary>
internal enum ParseVerdict { Run, Help, Manual, Version, Error }

/// <summary>
/// The parser's answer; <see cref="Message"/> is the text after "curlew: " when the verdict is an error, and
/// <see cref="ExitCode"/> the code to exit with then. <see cref="Groups"/> holds one option set per --next group
/// (<see cref="Options"/> is the first).
/// </summary>
internal sealed record ParseOutcome(ParseVerdict Verdict, CliOptions Options, string? Message = null)
{
    public int ExitCode { get; init; } = 2;
    /// <summary>With <see cref="ParseVerdict.Help"/>: the word after -h (a category, "all", "category"), or null.</summary>
    public string? HelpTopic { get; init; }
    public IReadOnlyList<CliOptions> Groups { get; init; } = [Options];
}
