namespace Curlew.Cli.Args;

/// <summary>What reading the command line decided: go on with the transfers, show help or version, or stop with an error.</summary>
internal enum ParseVerdict { Run, Help, Version, Error }

/// <summary>The parser's answer; <see cref="Message"/> is the text after "curlew: " when the verdict is an error.</summary>
internal sealed record ParseOutcome(ParseVerdict Verdict, CliOptions Options, string? Message = null);
