using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>CR or LF in text that goes into the request is refused where it is set (libcurl passes it through).</summary>
public class HeaderInjectionOptionTests
{
    public static TheoryData<CurlOption, string, string> Cases()
    {
        var data = new TheoryData<CurlOption, string, string>();
        (CurlOption, string)[] options =
        [
            (CurlOption.UserAgent, "CURLOPT_USERAGENT"), (CurlOption.Referer, "CURLOPT_REFERER"), (CurlOption.Cookie, "CURLOPT_COOKIE"),
            (CurlOption.Range, "CURLOPT_RANGE"), (CurlOption.CustomRequest, "CURLOPT_CUSTOMREQUEST"), (CurlOption.UserPwd, "CURLOPT_USERPWD"),
            (CurlOption.Url, "CURLOPT_URL"),
        ];
        foreach (var (option, name) in options)
            foreach (var value in new[] { "a\r\nInjected: yes", "a\rb", "a\nb", "http://h/\r\n" })
                data.Add(option, name, value);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SetOpt_refuses_a_CR_or_LF_with_BadFunctionArgument_naming_the_option(CurlOption option, string name, string value)
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.Ok, easy.SetOpt(option, "safe"));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(option, value));
        Assert.StartsWith(name + ": ", easy.ErrorMessage);
        Assert.Equal("safe", typeof(CurlEasy).GetProperty(option.ToString())!.GetValue(easy));   // the old value stays
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_typed_property_throws_ArgumentException_naming_the_option(CurlOption option, string name, string value)
    {
        using var easy = new CurlEasy();
        var property = typeof(CurlEasy).GetProperty(option.ToString())!;
        var ex = Assert.Throws<System.Reflection.TargetInvocationException>(() => property.SetValue(easy, value));
        var argument = Assert.IsType<ArgumentException>(ex.InnerException);
        Assert.Contains(name, argument.Message);
        Assert.Null(property.GetValue(easy));
    }

    [Fact]
    public void An_HttpHeader_entry_with_a_line_break_is_refused_instead_of_dropped()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.HttpHeader, new[] { "X-Ok: 1", "Evil: a\r\nInjected: b" }));
        Assert.StartsWith("CURLOPT_HTTPHEADER: entry 1 ", easy.ErrorMessage);
        Assert.Null(easy.HttpHeader);
        var ex = Assert.Throws<ArgumentException>(() => easy.HttpHeader = ["X: a\nB: c"]);
        Assert.Contains("CURLOPT_HTTPHEADER", ex.Message);
    }

    [Fact]
    public void A_percent_encoded_CR_LF_in_a_URL_is_accepted_and_stays_encoded()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Url, "http://127.0.0.1/a%0d%0aInjected:%20yes"));
        Assert.Equal("http://127.0.0.1/a%0d%0aInjected:%20yes", easy.Url);
    }
}
