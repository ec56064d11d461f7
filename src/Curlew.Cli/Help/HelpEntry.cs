using Curlew.Cli.Args;

namespace Curlew.Cli.Help;

/// <summary>Whether <c>--help</c> shows a flag the parser knows.</summary>
internal enum HelpListing
{
    /// <summary>Works, and is listed.</summary>
    Shown,
    /// <summary>Parsed and handed to the library, which ends the transfer with NotBuiltIn (4): left out of the lists, named in the manual.</summary>
    NotBuilt,
    /// <summary>An old spelling curl keeps out of its lists too (--ftp-ssl): left out, named in the manual.</summary>
    Alias,
}

/// <summary>
/// One flag in the help: <see cref="Flag"/> is its name in <see cref="FlagTable"/>; <see cref="Shown"/> the name
/// printed (curl shows some booleans by their <c>--no-</c> form); <see cref="Argument"/> the placeholder after it.
/// </summary>
internal sealed record HelpEntry(string Flag, string? Argument, string Summary, HelpCategories Categories,
    string? Shown = null, HelpListing Listing = HelpListing.Shown)
{
    /// <summary>The left column as curl prints it: "-d, --data &lt;data&gt;", or four spaces for a flag without a letter.</summary>
    public string OptionText
    {
        get
        {
            char? letter = FlagTable.ByExactName(Flag)?.Short;
            string start = letter is char c ? $"-{c}, " : "    ";
            return $"{start}--{Shown ?? Flag}{(Argument == null ? "" : " " + Argument)}";
        }
    }
}
