namespace Curlew.Cli.Args;

/// <summary>
/// curl's command line grammar, written from its observed behaviour: "--name" (or any unambiguous prefix of it),
/// "--no-name" for booleans, short letters that may be bundled ("-sSL") where the first one that takes an argument
/// eats the rest of the word or the next word ("-ofile", "-o file"), "--" ending the flags, and every other word a URL.
/// The first error stops everything; help and version stop as soon as they are read, as in curl.
/// "--next" starts a new group of URLs with their own options; "-K FILE" reads more options from a file
/// (<see cref="ConfigFile"/>), whose bad lines are only warned about; ~/.curlrc is read first unless the first word
/// is "-q..." or "--disable".
/// </summary>
internal static class ArgumentParser
{
    private const int ReadErrorExit = 26;   // CURLE_READ_ERROR, curl's exit code for a -K file it cannot read
    private const int MaxConfigDepth = 16;  // -K inside a config file may nest; a loop must end somewhere

    public static ParseOutcome Parse(IReadOnlyList<string> args, bool readDefaultConfig = false)
    {
        var state = new ParseState();
        if (readDefaultConfig && !SkipsDefaultConfig(args) && ConfigFile.FindDefault() is string rc
            && ConfigFile.ReadText(rc) is string rcText)
        {
            var verdict = ApplyConfig(state, rc, rcText, depth: 0);
            if (verdict != null) return verdict;
        }
        bool flagsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (flagsEnded || word.Length == 0 || word[0] != '-')
            {
                state.Current.Urls.Add(word);
                continue;
            }
            if (word == "--") { flagsEnded = true; continue; }
            var step = word.StartsWith("--", StringComparison.Ordinal)
                ? ReadLong(state, word, args, ref i, depth: 0)
                : ReadShorts(state, word, args, ref i, depth: 0);
            if (step.Verdict != null) return step.Verdict;
            if (step.Problem != null) return Fail(state, word, step.Problem, step.ExitCode);
        }
        return state.Finish(ParseVerdict.Run);
    }

    // curl reads ~/.curlrc unless the very first argument starts with "-q" or is "--disable".
    private static bool SkipsDefaultConfig(IReadOnlyList<string> args) =>
        args.Count > 0 && (args[0].StartsWith("-q", StringComparison.Ordinal) || args[0] == "--disable");

    /// <summary>What reading one flag did: nothing to report, a verdict that ends parsing, or a complaint.</summary>
    private readonly record struct Step(ParseOutcome? Verdict = null, string? Problem = null, int ExitCode = 2, bool UsedArgument = false);

    // "--name [argument]"; the argument comes from the next word, or from a config line's parameter.
    private static Step ReadLong(ParseState state, string word, IReadOnlyList<string> args, ref int i, int depth)
    {
        var (flag, toggle, problem) = LookupLong(word[2..]);
        if (problem != null) return new Step(Problem: problem);
        if (flag!.LongName == "help" && toggle) return Help(state, args, i);
        string? argument = null;
        if (flag.TakesArgument)
        {
            if (i + 1 >= args.Count) return new Step(Problem: "requires parameter");
            argument = args[++i];
        }
        return Apply(state, flag, argument, toggle, word, depth) with { UsedArgument = argument != null };
    }

    private static Step ReadShorts(ParseState state, string word, IReadOnlyList<string> args, ref int i, int depth)
    {
        if (word.Length == 1) return new Step(Problem: "is unknown");
        for (int j = 1; j < word.Length; j++)
        {
            var flag = FlagTable.ByShort(word[j]);
            if (flag == null) return new Step(Problem: "is unknown");
            if (flag.LongName == "help") return Help(state, args, i);
            if (!flag.TakesArgument)
            {
                var done = Apply(state, flag, null, toggle: true, word, depth);
                if (done.Verdict != null || done.Problem != null) return done;
                continue;
            }
            bool fromNextWord = j + 1 >= word.Length;
            string argument;
            if (!fromNextWord) argument = word[(j + 1)..];
            else if (i + 1 < args.Count) argument = args[++i];
            else return new Step(Problem: "requires parameter");
            return Apply(state, flag, argument, toggle: true, word, depth) with { UsedArgument = fromNextWord };
        }
        return default;
    }

    // Exact name first; otherwise the one long name this is a prefix of (two or more: ambiguous). "--no-" needs an exact boolean.
    private static (Flag? Flag, bool Toggle, string? Problem) LookupLong(string name)
    {
        if (name.Length == 0) return (null, true, "is unknown");
        var exact = FlagTable.ByExactName(name);
        if (exact != null) return (exact, true, null);
        Flag? found = null;
        foreach (var flag in FlagTable.All)
        {
            if (!flag.LongName.StartsWith(name, StringComparison.Ordinal)) continue;
            if (found != null) return (null, true, "is ambiguous");
            found = flag;
        }
        if (found != null) return (found, true, null);
        if (!name.StartsWith("no-", StringComparison.Ordinal)) return (null, true, "is unknown");
        // Only an exact name may follow "--no-": curl calls "--no-verb" unknown although "--verb" works.
        var negated = FlagTable.ByExactName(name[3..]);
        if (negated == null) return (null, true, "is unknown");
        if (!negated.IsBoolean) return (null, true, "used '--no-' for option that isn't a boolean");
        return (negated, false, null);
    }

    // curl's -h takes no argument, yet the word after the one holding it (if any) names the help category, even
    // when that word looks like a flag or a URL: "-h -v" asks for a category called "-v".
    private static Step Help(ParseState state, IReadOnlyList<string> args, int i) =>
        new(state.Finish(ParseVerdict.Help) with { HelpTopic = i + 1 < args.Count ? args[i + 1] : null });

    private static Step Apply(ParseState state, Flag flag, string? argument, bool toggle, string word, int depth)
    {
        switch (flag.LongName)
        {
            case "help": return default;   // only --no-help gets here, and it does nothing, as in curl
            case "manual": return toggle ? new Step(state.Finish(ParseVerdict.Manual)) : default;
            case "version": return new Step(state.Finish(ParseVerdict.Version));
            case "next":
                state.Next();
                return default;
            case "config":
                return ReadConfigFile(state, argument!, depth);
        }
        string? problem = OptionApplier.Apply(state.Current, flag.LongName, argument, toggle);
        return new Step(Problem: problem);
    }

    private static Step ReadConfigFile(ParseState state, string name, int depth)
    {
        string? text = depth < MaxConfigDepth ? ConfigFile.ReadText(name) : null;
        if (text == null)
        {
            if (!state.Current.Silent) state.Current.Warnings.Add($"curlew: cannot read config from '{name}'\n");
            return new Step(Problem: "error encountered when reading a file", ExitCode: ReadErrorExit);
        }
        var verdict = ApplyConfig(state, name == "-" ? "<stdin>" : name, text, depth + 1);
        return new Step(verdict);
    }

    // Every line is read as if it were on the command line; a bad one becomes a warning and the rest still count.
    private static ParseOutcome? ApplyConfig(ParseState state, string label, string text, int depth)
    {
        foreach (var entry in ConfigFile.Parse(text))
        {
            string word = entry.Option.StartsWith('-') ? entry.Option : "--" + entry.Option;
            string[] lineArgs = entry.Parameter == null ? [word] : [word, entry.Parameter];
            int at = 0;
            var step = word.StartsWith("--", StringComparison.Ordinal)
                ? ReadLong(state, word, lineArgs, ref at, depth)
                : ReadShorts(state, word, lineArgs, ref at, depth);
            if (step.Verdict != null) return step.Verdict;
            string? problem = step.Problem;
            if (problem == null && entry.Parameter != null && !step.UsedArgument) problem = "had unsupported trailing garbage";
            if (problem != null && !state.Current.Silent)
                state.Current.Warnings.Add($"Warning: {label}:{entry.Line}: warning: '{entry.Option}' {problem}\n");
        }
        return null;
    }

    private static ParseOutcome Fail(ParseState state, string word, string problem, int exitCode) =>
        state.Finish(ParseVerdict.Error, $"option {word}: {problem}") with { ExitCode = exitCode };

    /// <summary>The URL groups read so far; the last one takes new flags and URLs.</summary>
    private sealed class ParseState
    {
        private readonly List<CliOptions> _groups = [new()];

        public CliOptions Current => _groups[^1];

        // "--next" after a group without URLs adds nothing: curl merges it with what follows.
        public void Next()
        {
            if (Current.Urls.Count > 0) _groups.Add(Current.NextGroup());
        }

        public ParseOutcome Finish(ParseVerdict verdict, string? message = null)
        {
            // curl's global options hold one value for the whole run: whatever was given last, in any group.
            foreach (var group in _groups) group.CopyGlobalsFrom(Current);
            return new ParseOutcome(verdict, _groups[0], message) { Groups = _groups };
        }
    }
}
