namespace Curlew.Cli.Args;

/// <summary>
/// curl's command line grammar, written from its observed behaviour: "--name" (or any unambiguous prefix of it),
/// "--no-name" for booleans, short letters that may be bundled ("-sSL") where the first one that takes an argument
/// eats the rest of the word or the next word ("-ofile", "-o file"), "--" ending the flags, and every other word a URL.
/// The first error stops everything; help and version stop as soon as they are read, as in curl.
/// </summary>
internal static class ArgumentParser
{
    public static ParseOutcome Parse(IReadOnlyList<string> args)
    {
        var options = new CliOptions();
        bool flagsEnded = false;
        for (int i = 0; i < args.Count; i++)
        {
            string word = args[i];
            if (flagsEnded || word.Length == 0 || word[0] != '-')
            {
                options.Urls.Add(word);
                continue;
            }
            if (word == "--") { flagsEnded = true; continue; }
            var outcome = word.StartsWith("--", StringComparison.Ordinal)
                ? ReadLong(args, ref i, options)
                : ReadShorts(args, ref i, options);
            if (outcome != null) return outcome;
        }
        return new ParseOutcome(ParseVerdict.Run, options);
    }

    private static ParseOutcome? ReadLong(IReadOnlyList<string> args, ref int i, CliOptions options)
    {
        string word = args[i];
        string name = word[2..];
        bool toggle = true;
        var (flag, ambiguous) = Lookup(name);
        if (ambiguous) return Fail(options, word, "is ambiguous");
        if (flag == null && name.StartsWith("no-", StringComparison.Ordinal))
        {
            // Only an exact name may follow "--no-": curl calls "--no-verb" unknown although "--verb" works.
            flag = FlagTable.ByExactName(name[3..]);
            toggle = false;
            if (flag is { IsBoolean: false }) return Fail(options, word, "used '--no-' for option that isn't a boolean");
        }
        if (flag == null) return Fail(options, word, "is unknown");
        string? argument = null;
        if (flag.TakesArgument)
        {
            if (i + 1 >= args.Count) return Fail(options, word, "requires parameter");
            argument = args[++i];
        }
        return Apply(options, flag, argument, toggle, word);
    }

    private static ParseOutcome? ReadShorts(IReadOnlyList<string> args, ref int i, CliOptions options)
    {
        string word = args[i];
        if (word.Length == 1) return Fail(options, word, "is unknown");
        for (int j = 1; j < word.Length; j++)
        {
            var flag = FlagTable.ByShort(word[j]);
            if (flag == null) return Fail(options, word, "is unknown");
            if (!flag.TakesArgument)
            {
                var done = Apply(options, flag, null, toggle: true, word);
                if (done != null) return done;
                continue;
            }
            string argument;
            if (j + 1 < word.Length) argument = word[(j + 1)..];
            else if (i + 1 < args.Count) argument = args[++i];
            else return Fail(options, word, "requires parameter");
            return Apply(options, flag, argument, toggle: true, word);
        }
        return null;
    }

    // Exact name first; otherwise the one long name this is a prefix of (two or more: ambiguous).
    private static (Flag? Flag, bool Ambiguous) Lookup(string name)
    {
        if (name.Length == 0) return (null, false);
        var exact = FlagTable.ByExactName(name);
        if (exact != null) return (exact, false);
        Flag? found = null;
        foreach (var flag in FlagTable.All)
        {
            if (!flag.LongName.StartsWith(name, StringComparison.Ordinal)) continue;
            if (found != null) return (null, true);
            found = flag;
        }
        return (found, false);
    }

    private static ParseOutcome? Apply(CliOptions options, Flag flag, string? argument, bool toggle, string word)
    {
        if (flag.LongName == "help") return new ParseOutcome(ParseVerdict.Help, options);
        if (flag.LongName == "version") return new ParseOutcome(ParseVerdict.Version, options);
        string? problem = OptionApplier.Apply(options, flag.LongName, argument, toggle);
        return problem == null ? null : Fail(options, word, problem);
    }

    private static ParseOutcome Fail(CliOptions options, string word, string problem) =>
        new(ParseVerdict.Error, options, $"option {word}: {problem}");
}
