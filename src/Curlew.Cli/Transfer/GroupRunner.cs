using Curlew.Cli.Args;

namespace Curlew.Cli.Transfer;

/// <summary>
/// Runs every URL of every --next group. One after the other (the default) they share one handle, so connections are
/// reused as curl reuses them, and the exit code is the last transfer's, as curl 7.88 gives it. With -Z they go
/// through <see cref="ParallelRunner"/>. A group left without URLs at the end is curl's "no URL specified!" (2),
/// reported after the other groups ran.
/// </summary>
internal sealed class GroupRunner(IReadOnlyList<CliOptions> groups, Stream stdout, Stream stderrStream, TextWriter stderr)
{
    private const int NoUrlExit = 2;

    public int Run()
    {
        var runnable = groups.Where(g => g.Urls.Count > 0).ToList();
        int exit = groups[^1].Parallel ? new ParallelRunner(runnable, stdout, stderrStream, stderr).Run() : RunSerially(runnable);
        if (groups[^1].Urls.Count > 0) return exit;
        stderr.Write($"curlew: no URL specified!\n{Program.TryHelp}");
        return NoUrlExit;
    }

    private int RunSerially(List<CliOptions> runnable)
    {
        using var easy = new CurlEasy();
        using var trace = Curlew.Cli.Trace.TraceTarget.For(groups[^1].Trace, stdout, stderrStream);
        int exit = 0;
        foreach (var group in runnable)
        {
            var runner = new TransferRunner(group, stdout, stderrStream, stderr) { SharedTrace = trace };
            if (!runner.TryBuildBody(out byte[]? body, out int bodyExit)) return bodyExit;
            for (int i = 0; i < group.Urls.Count; i++)
            {
                // Globs are read when their URL's turn comes: the URLs before a bad one have already run.
                var transfers = TransferPlan.ForUrl(group, runner, i, body, stderr);
                if (transfers == null) return TransferPlan.MalformedUrlExit;
                foreach (var t in transfers)
                {
                    if (TransferRunner.CannotOpen(t.UploadFile)) return t.Runner.RefuseUpload(t.UploadFile!);
                    exit = t.Runner.RunOne(easy, t);
                }
            }
        }
        return exit;
    }
}
