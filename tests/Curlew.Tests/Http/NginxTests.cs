using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>Curlew against nginx, an independent HTTP/1.1 server: keep-alive, large bodies, ranges.</summary>
[Collection("nginx")]
public sealed class NginxTests(NginxFixture nginx)
{
    private string Url(string path) => nginx.Server.BaseUrl + path;

    [Fact]
    public async Task A_second_transfer_to_nginx_reuses_the_kept_alive_connection()
    {
        using var t = new TestTransfer(Url("/small.txt"));
        await t.PerformOk();
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        t.Capture.Clear();
        await t.PerformOk();
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    [Fact]
    public async Task A_4_MiB_file_from_nginx_arrives_byte_for_byte()
    {
        using var t = new TestTransfer(Url("/big.bin"));
        await t.PerformOk();
        Assert.Equal(NginxServer.BigSize, t.Easy.GetInfoLong(CurlInfo.SizeDownloadT));
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task A_range_of_a_file_from_nginx_gets_206_and_those_bytes()
    {
        using var t = new TestTransfer(Url("/big.bin"));
        t.Easy.Range = "1000000-1000999";
        await t.PerformOk();
        Assert.Equal(206, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(KestrelTestServer.Pattern(1000, 1000000), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task A_missing_file_on_nginx_with_FailOnError_returns_22()
    {
        using var t = new TestTransfer(Url("/missing.txt"));
        t.Easy.FailOnError = true;
        await t.PerformExpecting(CurlCode.HttpReturnedError);
        Assert.Equal(404, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }

    [Fact]
    public async Task HEAD_against_nginx_reports_the_length_and_delivers_no_body()
    {
        using var t = new TestTransfer(Url("/big.bin"));
        t.Easy.NoBody = true;
        await t.PerformOk();
        Assert.Equal(NginxServer.BigSize.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Capture.Header("Content-Length"));
        Assert.Empty(t.Capture.Body);
        t.Finish();
    }
}
