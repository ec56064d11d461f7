using Curlew.Cli.Args;

namespace Curlew.Cli.Tests.Args;

/// <summary>Config-file lines, URL globs and --next groups in-process: what each produces, which a differential run only sees from outside.</summary>
public sealed class MultiUrlParsingTests
{
    [Fact]
    public void Config_lines_split_into_option_and_parameter_the_way_curl_reads_them()
    {
        var entries = ConfigFile.Parse("# comment\n\n  url = \"http://x/a b\"\nsilent\n--output=f\nheader: \"A:\\t1\\q\"\n-o  out.txt  \r\n");
        Assert.Equal(
            [("url", "http://x/a b", 3), ("silent", null, 4), ("--output=f", null, 5), ("header", "A:\t1q", 6), ("-o", "out.txt", 7)],
            entries.Select(e => (e.Option, e.Parameter, e.Line)));
    }

    [Fact]
    public void Next_starts_a_group_of_its_own_but_global_options_given_anywhere_hold_for_all()
    {
        var outcome = ArgumentParser.Parse(["-H", "A: 1", "http://a/", "--next", "-o", "f", "http://b/", "-Z", "-s"]);
        Assert.Equal(2, outcome.Groups.Count);
        Assert.Equal(["A: 1"], outcome.Groups[0].Headers);
        Assert.Empty(outcome.Groups[1].Headers);
        Assert.Empty(outcome.Groups[0].Outputs);
        Assert.All(outcome.Groups, g => Assert.True(g.Silent && g.Parallel));
    }

    [Fact]
    public void Parallel_max_is_capped_and_zero_means_the_default()
    {
        Assert.Equal(300, ArgumentParser.Parse(["--parallel-max", "1000", "http://a/"]).Options.ParallelMax);
        Assert.Equal(50, ArgumentParser.Parse(["--parallel-max", "0", "http://a/"]).Options.ParallelMax);
        Assert.Equal(3, ArgumentParser.Parse(["--parallel-max", "3", "http://a/"]).Options.ParallelMax);
    }

    [Fact]
    public void Cookie_argument_with_an_equals_sign_is_the_header_and_without_it_a_file()
    {
        var outcome = ArgumentParser.Parse(["-b", "a=1", "-b", "jar.txt", "-b", "@x=y", "http://a/"]);
        Assert.Equal("a=1", outcome.Options.Cookie);
        Assert.Equal(["jar.txt", "x=y"], outcome.Options.CookieFiles);
    }

    [Fact]
    public void Globs_expand_first_glob_slowest_with_padding_steps_and_letters()
    {
        Assert.True(UrlGlob.TryExpand("h/{a,b}[08-12:2]", out var urls, out _));
        Assert.Equal(["h/a08", "h/a10", "h/a12", "h/b08", "h/b10", "h/b12"], urls.Select(u => u.Url));
        Assert.Equal(["b", "10"], urls[4].Choices);
        Assert.True(UrlGlob.TryExpand("[a-e:2]", out urls, out _));
        Assert.Equal(["a", "c", "e"], urls.Select(u => u.Url));
    }

    [Fact]
    public void Escapes_and_ipv6_literals_are_not_globs()
    {
        Assert.True(UrlGlob.TryExpand("http://[::1]:80/\\{x\\}", out var urls, out _));
        Assert.Equal("http://[::1]:80/{x}", Assert.Single(urls).Url);
    }

    [Theory]
    [InlineData("x/[1-", "bad range", 6)]
    [InlineData("x/[3-1]", "bad range", 8)]
    [InlineData("x/[a-c:2", "bad range", 4)]
    [InlineData("x/[-1]", "bad range specification", 4)]
    [InlineData("x/{a,b", "unmatched brace", 3)]
    [InlineData("x/{a,{b}}", "nested brace", 6)]
    [InlineData("x/{}", "empty string within braces", 4)]
    [InlineData("x/a]", "unmatched close brace/bracket", 4)]
    public void Bad_globs_name_curls_reason_and_position(string url, string reason, int position)
    {
        Assert.False(UrlGlob.TryExpand(url, out _, out var error));
        Assert.Equal(new GlobError(reason, position), error);
    }

    [Fact]
    public void Output_names_take_the_chosen_text_for_each_hash_number()
    {
        Assert.Equal("a_10_#3_#0", UrlGlob.FillOutputName("#1_#2_#3_#0", ["a", "10"]));
    }
}
