using System.Text;
using Curlew.Cli.Args;
using Curlew.Cli.Text;
using Curlew.Cli.Transfer;

namespace Curlew.Cli;

/// <summary>curlew's entry point: read the flags, then run the transfers; the exit code is curl's.</summary>
internal static class Program
{
    internal const string TryHelp = "curlew: try 'curlew --help' or 'curlew --manual' for more information\n";

    public static int Main(string[] args)
    {
        using var stdout = Output.StandardStreams.Output();
        using var stderrStream = Output.StandardStreams.Error();
        using var stderr = new StreamWriter(stderrStream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
        var outcome = ArgumentParser.Parse(args, readDefaultConfig: true);
        foreach (string warning in outcome.Options.Warnings) stderr.Write(warning);
        switch (outcome.Verdict)
        {
            case ParseVerdict.Error:
                stderr.Write($"curlew: {outcome.Message}\n{TryHelp}");
                return outcome.ExitCode;
            case ParseVerdict.Help:
                Write(stdout, Help.HelpPrinter.Render(outcome.HelpTopic));
                return 0;
            case ParseVerdict.Manual:
                Write(stdout, Help.ManualText.Read());
                return 0;
            case ParseVerdict.Version:
                Write(stdout, VersionText.Render());
                return 0;
        }
        if (outcome.Groups.All(g => g.Urls.Count == 0))
        {
            // With no arguments at all curl prints only the hint; with flags but no URL it says so first.
            if (args.Length > 0) stderr.Write("curlew: no URL specified!\n");
            stderr.Write(TryHelp);
            return 2;
        }
        int exit = new GroupRunner(outcome.Groups, stdout, stderrStream, stderr).Run();
        stdout.Flush();
        return exit;
    }

    private static void Write(Stream stream, string text)
    {
        stream.Write(Encoding.UTF8.GetBytes(text));
        stream.Flush();
    }
}
