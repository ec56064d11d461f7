using Xunit;

namespace Curlew.Tests.Unit;

public class OptionTests
{
    [Fact]
    public void An_option_number_libcurl_does_not_have_is_UnknownOption()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.UnknownOption, easy.SetOpt((CurlOption)99999, 1));
    }

    [Theory]
    [InlineData(CurlOption.Url, 42)]
    [InlineData(CurlOption.Port, "eighty")]
    [InlineData(CurlOption.Port, 70000)]
    [InlineData(CurlOption.MaxRedirs, -2)]
    [InlineData(CurlOption.TimeoutMs, null)]
    [InlineData(CurlOption.WriteFunction, "not a delegate")]
    [InlineData(CurlOption.HttpHeader, 5)]
    [InlineData(CurlOption.PostRedir, -1)]   // libcurl 7.88 takes any SslVerifyHost value, so that is no longer an example
    public void A_value_of_the_wrong_type_or_range_is_BadFunctionArgument_and_never_throws(CurlOption option, object? value)
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(option, value));
    }

    [Fact]
    public void SetOpt_and_the_typed_properties_share_one_store()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Url, "http://example.invalid/"));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.FollowLocation, 1L));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.HttpHeader, new[] { "X-A: 1" }));
        Assert.Equal("http://example.invalid/", easy.Url);
        Assert.True(easy.FollowLocation);
        Assert.Equal(["X-A: 1"], easy.HttpHeader!);
    }

    [Fact]
    public void Option_and_info_numbers_equal_libcurls()
    {
        Assert.Equal(10002, (int)CurlOption.Url);
        Assert.Equal(20163, (int)CurlOption.OpenSocketFunction);
        Assert.Equal(20208, (int)CurlOption.CloseSocketFunction);
        Assert.Equal(20148, (int)CurlOption.SockOptFunction);
        Assert.Equal(10203, (int)CurlOption.Resolve);
        Assert.Equal(0x200002, (int)CurlInfo.ResponseCode);
        Assert.Equal(0x600008, (int)CurlInfo.SizeDownloadT);
        Assert.Equal(52, (int)CurlCode.GotNothing);
    }

    [Fact]
    public void Performing_without_a_url_is_UrlMalformat_with_a_message()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.UrlMalformat, easy.Perform());
        Assert.False(string.IsNullOrEmpty(easy.ErrorMessage));
    }

    [Fact]
    public void StrError_gives_curls_texts()
    {
        Assert.Equal("Couldn't connect to server", Curl.StrError(CurlCode.CouldntConnect));
        Assert.Equal("Timeout was reached", Curl.StrError(CurlCode.OperationTimedout));
        Assert.StartsWith("Curlew/", Curl.Version);
    }
}

public class ResetTests
{
    [Fact]
    public async Task Reset_restores_default_options_but_keeps_the_cached_connection_and_its_close_callback()
    {
        await using var server = await Curlew.Tests.Servers.KestrelTestServer.StartAsync();
        var easy = new CurlEasy();
        var ledger = new Curlew.Tests.Support.CallbackLedger().Install(easy);
        easy.Url = server.BaseUrl + "/hello";
        easy.WriteFunction = (d, _) => d.Length;
        easy.FollowLocation = true;
        Assert.Equal(CurlCode.Ok, easy.Perform());

        easy.Reset();
        Assert.Null(easy.Url);
        Assert.False(easy.FollowLocation);
        Assert.Null(easy.OpenSocketFunction);
        Assert.Equal(-1, easy.MaxRedirs);

        easy.Url = server.BaseUrl + "/hello";
        easy.WriteFunction = (d, _) => d.Length;
        Assert.Equal(CurlCode.Ok, easy.Perform());
        Assert.Equal(0L, easy.GetInfo(CurlInfo.NumConnects));   // the connection from before the reset was reused
        easy.Dispose();
        Assert.Single(ledger.Opens);
        ledger.AssertBalanced();                                // ...and closed through the callback it was opened with
    }
}
