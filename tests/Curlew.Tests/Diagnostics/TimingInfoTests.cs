using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Diagnostics;

/// <summary>libcurl's phase times (CURLINFO_*_TIME_T) come in the order the phases happen, for write-outs such as %{time_starttransfer}.</summary>
public sealed class TimingInfoTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private static Dictionary<string, long> Times(CurlEasy easy) => new()
    {
        ["namelookup"] = easy.GetInfoLong(CurlInfo.NameLookupTimeT),
        ["connect"] = easy.GetInfoLong(CurlInfo.ConnectTimeT),
        ["appconnect"] = easy.GetInfoLong(CurlInfo.AppConnectTimeT),
        ["pretransfer"] = easy.GetInfoLong(CurlInfo.PreTransferTimeT),
        ["starttransfer"] = easy.GetInfoLong(CurlInfo.StartTransferTimeT),
        ["redirect"] = easy.GetInfoLong(CurlInfo.RedirectTimeT),
        ["total"] = easy.GetInfoLong(CurlInfo.TotalTimeT),
    };

    private static string Show(Dictionary<string, long> t) => string.Join(", ", t.Select(kv => $"{kv.Key}={kv.Value}"));

    private static void AssertPhaseOrder(Dictionary<string, long> t)
    {
        Assert.True(t["namelookup"] > 0, "name lookup time missing: " + Show(t));
        Assert.True(t["namelookup"] <= t["connect"], "lookup after connect: " + Show(t));
        Assert.True(t["connect"] <= t["pretransfer"], "connect after pretransfer: " + Show(t));
        Assert.True(t["pretransfer"] <= t["starttransfer"], "pretransfer after the first byte: " + Show(t));
        Assert.True(t["starttransfer"] <= t["total"], "first byte after the end: " + Show(t));
        Assert.True(t["appconnect"] == 0, "no TLS, so no application connect time (libcurl reports 0): " + Show(t));
    }

    [Fact]
    public async Task A_GET_reports_every_phase_in_order_and_no_redirect_time()
    {
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/hello" };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        var t = Times(easy);
        AssertPhaseOrder(t);
        Assert.Equal(0, t["redirect"]);
        Assert.Equal(t["starttransfer"] / 1e6, easy.GetInfoDouble(CurlInfo.StartTransferTime), 6);
        Assert.Equal(t["pretransfer"] / 1e6, easy.GetInfoDouble(CurlInfo.PreTransferTime), 6);
    }

    [Fact]
    public async Task A_transfer_on_a_reused_connection_still_reports_its_phases_in_order()
    {
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/hello" };
        new TransferCapture().Install(easy);
        Run.AssertOk(await easy.PerformGuarded(), easy);

        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None), easy);

        Assert.Equal(0, easy.GetInfoLong(CurlInfo.NumConnects));
        AssertPhaseOrder(Times(easy));
    }

    [Fact]
    public async Task A_followed_redirect_reports_the_time_its_steps_took_before_the_final_request()
    {
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/redirect-chain/2", FollowLocation = true };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        var t = Times(easy);
        Assert.Equal(2, easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.True(t["redirect"] > 0, "redirect time missing: " + Show(t));
        Assert.True(t["redirect"] <= t["pretransfer"] && t["pretransfer"] <= t["starttransfer"] && t["starttransfer"] <= t["total"],
            "the final request must start after the redirect steps: " + Show(t));
        Assert.Equal(t["redirect"] / 1e6, easy.GetInfoDouble(CurlInfo.RedirectTime), 6);
    }

    [Fact]
    public async Task An_upload_reports_its_size_and_average_speed()
    {
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/echo" };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.PostFields, new string('p', 50_000)));
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        long size = easy.GetInfoLong(CurlInfo.SizeUploadT), total = easy.GetInfoLong(CurlInfo.TotalTimeT);
        Assert.Equal(50_000, size);
        Assert.Equal(size * 1_000_000 / total, easy.GetInfoLong(CurlInfo.SpeedUploadT));
    }
}
