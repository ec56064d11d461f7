using Curlew.Cli.Args;
using Curlew.Cli.Help;

namespace Curlew.Cli.Tests.Help;

/// <summary>How -h reads its topic, and the layout rule every list it prints follows.</summary>
public sealed class HelpPrinterTests
{
    [Theory]
    [InlineData(new[] { "-h" }, null)]
    [InlineData(new[] { "-h", "http" }, "http")]
    [InlineData(new[] { "--help", "tls" }, "tls")]
    [InlineData(new[] { "-sh", "ftp" }, "ftp")]
    [InlineData(new[] { "-hs", "output" }, "output")]      // -h stops the bundle; the next word is still its topic
    [InlineData(new[] { "-h", "-v" }, "-v")]               // curl takes any next word, even a flag
    [InlineData(new[] { "-v", "-h", "all", "x" }, "all")]
    public void The_word_after_h_is_the_topic(string[] args, string? topic)
    {
        var outcome = ArgumentParser.Parse(args);
        Assert.Equal(ParseVerdict.Help, outcome.Verdict);
        Assert.Equal(topic, outcome.HelpTopic);
    }

    [Fact]
    public void No_help_and_no_manual_do_nothing_as_in_curl()
    {
        Assert.Equal(ParseVerdict.Run, ArgumentParser.Parse(["--no-help", "--no-manual"]).Verdict);
        Assert.Equal(ParseVerdict.Manual, ArgumentParser.Parse(["-sM"]).Verdict);
    }

    public static TheoryData<string> Topics()
    {
        var data = new TheoryData<string> { "all" };
        foreach (var category in HelpCategoryList.All) data.Add(category.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Topics))]
    public void Each_list_follows_curls_column_rule_and_ends_with_a_newline(string topic)
    {
        string[] lines = HelpPrinter.Render(topic).Split('\n');
        Assert.Equal("Usage: curlew [options...] <url>", lines[0]);
        Assert.Equal("", lines[^1]);
        var body = lines[(topic == "all" ? 1 : 2)..^1];
        if (body is [" (curlew has no options in this category)"]) return;
        var entries = body.Select(HelpLine.Parse).ToList();
        int width = HelpPrinter.OptionColumnWidth(entries.Select(e => (e.Option, e.Summary)).ToList());
        Assert.All(entries, e => Assert.Equal(HelpLine.Format(e, width), e.Line));
    }

    [Fact]
    public void Category_names_match_in_any_case_and_an_unknown_one_lists_them_all()
    {
        Assert.Equal(HelpPrinter.Render("http"), HelpPrinter.Render("HTTP"));
        Assert.StartsWith("Usage: curlew [options...] <url>\nhttp: ", HelpPrinter.Render("HTTP"), StringComparison.Ordinal);
        string invalid = HelpPrinter.Render("nosuch");
        Assert.Equal(HelpPrinter.UsageLine + "Invalid category provided, here is a list of all categories:\n\n" +
                     HelpPrinter.Render("category")[HelpPrinter.UsageLine.Length..], invalid);
    }
}

/// <summary>One flag line of a help list, split into its columns (shared with the differential help tests).</summary>
public sealed record HelpLine(string Line, string Option, string Summary)
{
    private static readonly System.Text.RegularExpressions.Regex Shape =
        new(@"^ ((?:-., |    )--\S+(?: (?:<[^>]*>|\[\S*))?) +(\S.*)$");

    public string LongName => Option.TrimStart()[(Option.TrimStart().StartsWith("--", StringComparison.Ordinal) ? 2 : 6)..].Split(' ')[0];

    public static HelpLine Parse(string line)
    {
        var m = Shape.Match(line);
        Assert.True(m.Success, $"not a help line: '{line}'");
        return new HelpLine(line, m.Groups[1].Value, m.Groups[2].Value);
    }

    public static string Format(HelpLine e, int width) => " " + e.Option.PadRight(width) + " " + e.Summary;
}
