namespace Curlew.Cli.Args;

/// <summary>The flags of several-URL runs: globbing, parallel transfers and cookies.</summary>
internal static partial class OptionApplier
{
    private const long ParallelMaxLimit = 300;       // curl caps --parallel-max here

    private static bool TryApplyGroupOption(CliOptions o, string name, string a, bool on, out string? problem)
    {
        problem = null;
        switch (name)
        {
            case "globoff": o.Globoff = on; return true;
            case "parallel": o.Parallel = on; return true;
            case "parallel-immediate": o.ParallelImmediate = on; return true;
            case "parallel-max":
                problem = NumberArgument.TryCount(a, out long max);
                // curl's rule: above the cap means the cap, zero means the default.
                if (problem == null) o.ParallelMax = max > ParallelMaxLimit ? ParallelMaxLimit : max < 1 ? 50 : max;
                return true;
            case "cookie":
                // curl: "@file" or a word without '=' names a cookie file; anything with '=' is the Cookie header itself.
                if (a.StartsWith('@')) o.CookieFiles.Add(a[1..]);
                else if (a.Contains('=')) o.Cookie = a;
                else o.CookieFiles.Add(a);
                return true;
            case "cookie-jar": o.CookieJar = a; return true;
            default: return false;
        }
    }
}
