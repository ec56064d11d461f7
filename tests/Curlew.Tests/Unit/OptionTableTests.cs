using System.Reflection;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>The one option table: every option has one entry, and SetOpt and the typed properties judge values alike.</summary>
public class OptionTableTests
{
    private static readonly long[] Boundaries =
        [long.MinValue, int.MinValue, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 99, 1023, 1024, 65535, 65536, 2147483, 2147484,
         512 * 1024 + 1, int.MaxValue, uint.MaxValue, 0x70006, 0x80000, long.MaxValue];

    [Fact]
    public void Every_CurlOption_member_has_exactly_one_table_entry_named_after_libcurls_option()
    {
        var missing = Enum.GetValues<CurlOption>().Where(o => OptionTable.Find(o) is null).ToList();
        Assert.True(missing.Count == 0, "options without a table entry: " + string.Join(", ", missing));
        Assert.Equal(Enum.GetValues<CurlOption>().Length, OptionTable.All.Count());
        foreach (var entry in OptionTable.All)
            Assert.True(entry.Name.StartsWith("CURLOPT_", StringComparison.Ordinal), $"{entry.Option} is named {entry.Name}");
    }

    public static TheoryData<string> NumericProperties()
    {
        var data = new TheoryData<string>();
        foreach (var p in typeof(CurlEasy).GetProperties())
            if (p.PropertyType == typeof(long) || p.PropertyType == typeof(int))
                if (Enum.TryParse<CurlOption>(p.Name, out _)) data.Add(p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(NumericProperties))]
    public void A_typed_number_property_accepts_exactly_what_SetOpt_accepts_and_stores_the_same_value(string name)
    {
        var property = typeof(CurlEasy).GetProperty(name)!;
        var option = Enum.Parse<CurlOption>(name);
        int compared = 0;
        foreach (long value in Boundaries)
        {
            if (property.PropertyType == typeof(int) && value is < int.MinValue or > int.MaxValue) continue;
            using var viaSetOpt = new CurlEasy();
            using var viaProperty = new CurlEasy();
            var code = viaSetOpt.SetOpt(option, value);
            object boxed = property.PropertyType == typeof(int) ? (object)(int)value : value;
            Exception? thrown = null;
            try { property.SetValue(viaProperty, boxed); }
            catch (TargetInvocationException ex) { thrown = ex.InnerException; }
            compared++;
            if (code == CurlCode.Ok)
            {
                Assert.True(thrown is null, $"{name} = {value}: SetOpt accepts it but the property threw {thrown}");
                Assert.Equal(property.GetValue(viaSetOpt), property.GetValue(viaProperty));
            }
            else
            {
                var range = Assert.IsType<ArgumentOutOfRangeException>(thrown);
                Assert.Contains(OptionTable.Find(option)!.Name, range.Message);
                Assert.Contains(OptionTable.Find(option)!.Name, viaSetOpt.ErrorMessage);
                Assert.Equal(property.GetValue(new CurlEasy()), property.GetValue(viaProperty));   // a refused value changes nothing
            }
        }
        Assert.True(compared > 10, $"only {compared} values compared for {name}");
    }

    [Theory]
    [InlineData("MaxRedirs", -2L, "CURLOPT_MAXREDIRS")]
    [InlineData("IpResolve", 7L, "CURLOPT_IPRESOLVE")]
    [InlineData("MaxConnects", -1L, "CURLOPT_MAXCONNECTS")]
    [InlineData("HttpVersion", 99L, "CURLOPT_HTTP_VERSION")]
    [InlineData("SslVersion", 2L, "CURLOPT_SSLVERSION")]
    [InlineData("FtpFileMethod", 4L, "CURLOPT_FTP_FILEMETHOD")]
    public void A_typed_property_given_a_value_SetOpt_refuses_throws_naming_the_option(string name, long value, string libcurlName)
    {
        using var easy = new CurlEasy();
        var property = typeof(CurlEasy).GetProperty(name)!;
        var ex = Assert.Throws<TargetInvocationException>(() => property.SetValue(easy, value));
        var range = Assert.IsType<ArgumentOutOfRangeException>(ex.InnerException);
        Assert.Contains(libcurlName, range.Message);
        Assert.Contains(value.ToString(System.Globalization.CultureInfo.InvariantCulture), range.Message);
    }

    [Fact]
    public void A_refused_SetOpt_says_which_option_and_why_in_ErrorMessage()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.MaxRedirs, -2L));
        Assert.Equal("CURLOPT_MAXREDIRS: -2 is out of range (-1 or more)", easy.ErrorMessage);
        Assert.Equal(CurlCode.UnsupportedProtocol, easy.SetOpt(CurlOption.HttpVersion, 30L));
        Assert.StartsWith("CURLOPT_HTTP_VERSION: 30 ", easy.ErrorMessage);
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.WriteFunction, "text"));
        Assert.Equal("CURLOPT_WRITEFUNCTION: expects a WriteCallback, not String", easy.ErrorMessage);
        Assert.Equal(CurlCode.UnknownOption, easy.SetOpt((CurlOption)12345, 1L));
        Assert.Contains("12345", easy.ErrorMessage);
    }

    [Fact]
    public void Values_libcurl_clamps_are_clamped_alike_through_SetOpt_and_the_property()
    {
        using var easy = new CurlEasy { BufferSize = 5 };
        Assert.Equal(1024, easy.BufferSize);
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.BufferSize, 5L));
        Assert.Equal(1024, easy.BufferSize);
        easy.PostRedir = 0xFF;
        Assert.Equal(7, easy.PostRedir);
        easy.TimeoutMs = -1;
        Assert.Equal(uint.MaxValue, easy.TimeoutMs);
    }

    [Fact]
    public void The_request_kind_rules_are_the_same_through_the_properties()
    {
        using var easy = new CurlEasy { NoBody = true };
        easy.Post = true;
        Assert.False(easy.NoBody);
        Assert.True(easy.Post);
        easy.Upload = false;
        Assert.False(easy.Post);
        easy.PostFields = [1, 2];
        Assert.True(easy.Post);
    }
}
