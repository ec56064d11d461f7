using Curlew.Cli.Args;

namespace Curlew.Cli.Tests.Args;

/// <summary>The grammar in-process, where a differential run cannot see the parsed result: what lands in which option.</summary>
public sealed class ArgumentParserTests
{
    [Fact]
    public void A_bundle_gives_the_rest_of_the_word_to_the_first_flag_that_takes_an_argument()
    {
        var outcome = ArgumentParser.Parse(["-sSofile", "http://x/"]);
        Assert.Equal(ParseVerdict.Run, outcome.Verdict);
        Assert.True(outcome.Options.Silent && outcome.Options.ShowError);
        Assert.Equal("file", Assert.Single(outcome.Options.Outputs).FileName);
        Assert.Equal("http://x/", Assert.Single(outcome.Options.Urls));
    }

    [Fact]
    public void Outputs_pair_with_urls_in_order_wherever_they_stand()
    {
        var outcome = ArgumentParser.Parse(["http://a/", "-o", "one", "-O", "http://b/"]);
        Assert.Equal(["http://a/", "http://b/"], outcome.Options.Urls);
        Assert.Equal("one", outcome.Options.Outputs[0].FileName);
        Assert.True(outcome.Options.Outputs[1].RemoteName);
    }

    [Fact]
    public void Every_word_after_a_double_dash_is_a_url()
    {
        var outcome = ArgumentParser.Parse(["--", "-v", "--silent"]);
        Assert.Equal(["-v", "--silent"], outcome.Options.Urls);
        Assert.False(outcome.Options.Verbose);
    }

    [Fact]
    public void Version_stops_parsing_before_a_later_unknown_option()
    {
        Assert.Equal(ParseVerdict.Version, ArgumentParser.Parse(["-V", "--bogus"]).Verdict);
    }

    [Fact]
    public void Auth_flags_map_to_libcurls_bits()
    {
        Assert.Equal(1, ArgumentParser.Parse(["--basic"]).Options.HttpAuth);
        Assert.Equal(2, ArgumentParser.Parse(["--digest"]).Options.HttpAuth);
        Assert.Equal(~16L, ArgumentParser.Parse(["--anyauth"]).Options.HttpAuth);
    }

    [Fact]
    public void Every_flag_name_is_unique()
    {
        var names = FlagTable.All.Select(f => f.LongName).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        var shorts = FlagTable.All.Where(f => f.Short != null).Select(f => f.Short).ToList();
        Assert.Equal(shorts.Count, shorts.Distinct().Count());
    }
}
