using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Unit;

/// <summary>GetInfoLong/String/Double: typed by libcurl's CURLINFO type bits, refusing an info of another type.</summary>
public class TypedInfoTests : IClassFixture<KestrelFixture>
{
    private readonly KestrelTestServer _server;

    public TypedInfoTests(KestrelFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task Typed_getters_return_the_same_values_as_GetInfo()
    {
        using var easy = new CurlEasy { Url = _server.BaseUrl + "/hello", WriteFunction = (d, _) => d.Length };
        Run.AssertOk(await easy.PerformGuarded(), easy);
        Assert.Equal(200, easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(12, easy.GetInfoLong(CurlInfo.SizeDownloadT));
        Assert.Equal(_server.BaseUrl + "/hello", easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(easy.GetInfo(CurlInfo.TotalTime), easy.GetInfoDouble(CurlInfo.TotalTime));
        Assert.True(easy.GetInfoDouble(CurlInfo.TotalTime) > 0);
    }

    [Theory]
    [InlineData(CurlInfo.EffectiveUrl, "GetInfoString")]
    [InlineData(CurlInfo.TotalTime, "GetInfoDouble")]
    public void GetInfoLong_on_an_info_of_another_type_throws_and_names_the_right_getter(CurlInfo info, string rightGetter)
    {
        using var easy = new CurlEasy();
        var ex = Assert.Throws<ArgumentException>(() => easy.GetInfoLong(info));
        Assert.Contains(rightGetter, ex.Message);
    }

    [Fact]
    public void GetInfoString_and_GetInfoDouble_refuse_a_long_info()
    {
        using var easy = new CurlEasy();
        Assert.Contains("GetInfoLong", Assert.Throws<ArgumentException>(() => easy.GetInfoString(CurlInfo.ResponseCode)).Message);
        Assert.Contains("GetInfoLong", Assert.Throws<ArgumentException>(() => easy.GetInfoDouble(CurlInfo.SizeDownloadT)).Message);
        Assert.Throws<ArgumentException>(() => easy.GetInfoLong((CurlInfo)0x200000 + 999));
    }

    [Fact]
    public void Before_any_transfer_typed_getters_give_zero_or_null()
    {
        using var easy = new CurlEasy();
        Assert.Equal(0, easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Null(easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(0.0, easy.GetInfoDouble(CurlInfo.TotalTime));
    }
}
