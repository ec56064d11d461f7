using Curlew.Cli.Args;
using Curlew.Cli.Help;

namespace Curlew.Cli.Tests.Help;

/// <summary>
/// The help table against the parser itself: every flag the parser acts on has an entry, and every entry names a
/// flag the parser acts on. "Acts on" is found by parsing "--NAME 1" and seeing whether the parser answers curl's
/// "the installed libcurl version doesn't support this" (its answer for a flag it only knows by name).
/// </summary>
public sealed class HelpCatalogTests
{
    private static bool ParserActsOn(string flag)
    {
        var outcome = ArgumentParser.Parse([$"--{flag}", "1"]);
        return !(outcome.Verdict == ParseVerdict.Error && outcome.Message!.EndsWith(OptionApplier.NotSupported, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_flag_the_parser_acts_on_has_a_help_entry()
    {
        var inCatalog = HelpCatalog.All.Select(e => e.Flag).ToHashSet();
        var missing = FlagTable.All.Select(f => f.LongName).Where(ParserActsOn).Where(n => !inCatalog.Contains(n)).ToList();
        Assert.True(missing.Count == 0, "acted on, but not in HelpCatalog: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_help_entry_names_a_flag_the_parser_acts_on()
    {
        var unknown = HelpCatalog.All.Where(e => FlagTable.ByExactName(e.Flag) == null || !ParserActsOn(e.Flag)).Select(e => e.Flag).ToList();
        Assert.True(unknown.Count == 0, "in HelpCatalog, but not acted on by the parser: " + string.Join(", ", unknown));
    }

    [Fact]
    public void The_parser_acts_on_a_subset_of_its_flags_so_the_check_above_can_fail()
    {
        // Guards the probe: if every flag (or none) counted as acted on, the two tests above would prove nothing.
        Assert.False(ParserActsOn("proxy-digest"));
        Assert.True(ParserActsOn("output"));
        Assert.InRange(FlagTable.All.Count(f => ParserActsOn(f.LongName)), 50, FlagTable.All.Length - 50);
    }

    [Fact]
    public void Entries_are_unique_and_a_no_form_is_shown_only_for_a_boolean()
    {
        Assert.Equal(HelpCatalog.All.Length, HelpCatalog.All.Select(e => e.Flag).Distinct().Count());
        foreach (var entry in HelpCatalog.All.Where(e => e.Shown != null))
        {
            Assert.Equal("no-" + entry.Flag, entry.Shown);
            Assert.True(FlagTable.ByExactName(entry.Flag)!.IsBoolean, entry.Flag);
        }
    }

    [Fact]
    public void An_entry_has_an_argument_placeholder_exactly_when_its_flag_takes_an_argument()
    {
        foreach (var entry in HelpCatalog.All)
            Assert.True(FlagTable.ByExactName(entry.Flag)!.TakesArgument == (entry.Argument != null) || entry.Flag == "help", entry.Flag);
    }

    [Fact]
    public void Every_listed_entry_is_in_a_category_and_the_hidden_ones_are_the_declared_few()
    {
        Assert.All(HelpCatalog.All.Where(e => e.Listing == HelpListing.Shown), e => Assert.NotEqual(HelpCategories.None, e.Categories));
        Assert.Equal(["cookie-jar"],
            HelpCatalog.All.Where(e => e.Listing == HelpListing.NotBuilt).Select(e => e.Flag).Order(StringComparer.Ordinal));
        Assert.Equal(["ftp-ssl", "ftp-ssl-reqd"],
            HelpCatalog.All.Where(e => e.Listing == HelpListing.Alias).Select(e => e.Flag).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Own_flags_are_listed_under_verbose_and_connection()
    {
        Assert.Contains(HelpCatalog.Listed(HelpCategories.Verbose), e => e.Flag == "socket-log");
        Assert.Contains(HelpCatalog.Listed(HelpCategories.Connection), e => e.Flag == "deny-private");
    }
}
