using System.Text;

namespace Curlew.Cli.Help;

/// <summary>
/// <c>-h [TOPIC]</c> in curl 7.88.1's layout: no topic prints the short list and three hint lines, "all" every
/// flag, "category" the categories, a category name its flags (any case), anything else curl's "Invalid category"
/// notice and the category list; all on stdout, exit 0, as curl does.
/// </summary>
internal static class HelpPrinter
{
    public const string UsageLine = "Usage: curlew [options...] <url>\n";

    // curl 7.88.1 lays its columns out for 80 columns, whatever stdout is (seen with a file and a 150-column terminal).
    private const int Columns = 80;

    public static string Render(string? topic)
    {
        var text = new StringBuilder(UsageLine);
        if (topic == null)
        {
            AppendFlags(text, HelpCatalog.Listed(HelpCategories.Important));
            text.Append('\n')
                .Append("This is not the full help, this menu is stripped into categories.\n")
                .Append("Use \"--help category\" to get an overview of all categories.\n")
                .Append("For all options use the manual or \"--help all\".\n");
        }
        else if (topic.Equals("all", StringComparison.OrdinalIgnoreCase))
            AppendFlags(text, HelpCatalog.Listed(HelpCategories.None));
        else if (topic.Equals("category", StringComparison.OrdinalIgnoreCase))
            AppendCategories(text);
        else if (HelpCategoryList.Find(topic) is { } category)
        {
            text.Append(category.Name).Append(": ").Append(category.Description).Append('\n');
            var entries = HelpCatalog.Listed(category.Bit).ToList();
            if (entries.Count == 0) text.Append(" (curlew has no options in this category)\n");
            AppendFlags(text, entries);
        }
        else
        {
            text.Append("Invalid category provided, here is a list of all categories:\n\n");
            AppendCategories(text);
        }
        return text.ToString();
    }

    /// <summary>
    /// curl's rule: the option column is as wide as the longest option, unless that would push the longest summary
    /// past the line's end; then it is narrower, and a longer option is followed by a single space.
    /// </summary>
    public static int OptionColumnWidth(IReadOnlyCollection<(string Option, string Summary)> lines)
    {
        int option = Math.Max(5, lines.Max(l => l.Option.Length));
        int summary = Math.Max(5, lines.Max(l => l.Summary.Length));
        return option + summary > Columns ? Columns - summary : option;
    }

    private static void AppendFlags(StringBuilder text, IEnumerable<HelpEntry> entries)
    {
        var lines = entries.Select(e => (Option: e.OptionText, e.Summary)).ToList();
        if (lines.Count == 0) return;
        int width = OptionColumnWidth(lines);
        foreach (var (option, summary) in lines)
            text.Append(' ').Append(option.PadRight(width)).Append(' ').Append(summary).Append('\n');
    }

    private static void AppendCategories(StringBuilder text)
    {
        foreach (var category in HelpCategoryList.All)
            text.Append(' ').Append(category.Name.PadRight(11)).Append(' ').Append(category.Description).Append('\n');
    }
}
