using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Transfer;

/// <summary>
/// The engine's follow loop judges every redirect target before a byte goes there: a scheme without a handler
/// (https and ftps until TLS lands), one the allow-lists exclude, or one Curlew does not know fails with
/// UnsupportedProtocol, and a listening socket on the target port sees no connection.
/// </summary>
public sealed class RedirectTargetTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private string Redirect(string to) => $"{kestrel.BaseUrl}/redirect/302?to={Uri.EscapeDataString(to)}";

    private static async Task<TestTransfer> FollowExpecting(string url, CurlCode expected, Action<CurlEasy>? setUp = null)
    {
        var t = new TestTransfer(url);
        t.Easy.FollowLocation = true;
        setUp?.Invoke(t.Easy);
        await t.PerformExpecting(expected);
        return t;
    }

    [Fact]
    public async Task A_redirect_to_a_scheme_RedirProtocolsStr_excludes_fails_unsupported_before_connecting()
    {
        await using var other = await KestrelTestServer.StartAsync();
        using var t = await FollowExpecting(Redirect(other.BaseUrl + "/hello"), CurlCode.UnsupportedProtocol, e => e.RedirProtocolsStr = "https,ftp");
        Assert.Equal("Protocol \"http\" not supported or disabled in Curlew (RedirProtocolsStr does not allow it)", t.Easy.ErrorMessage);
        Assert.Equal(other.BaseUrl + "/hello", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Single(t.Ledger.Opens);
        Assert.Empty(t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task RedirProtocolsStr_is_read_in_any_case_and_lets_the_named_schemes_through()
    {
        using var t = new TestTransfer(Redirect("/hello"));
        t.Easy.FollowLocation = true;
        t.Easy.RedirProtocolsStr = "HTTP";
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Fact]
    public async Task A_redirect_to_a_scheme_ProtocolsStr_excludes_fails_even_when_RedirProtocolsStr_allows_it()
    {
        using var target = new SilentListener();
        using var t = await FollowExpecting(Redirect($"ftp://127.0.0.1:{target.Port}/"), CurlCode.UnsupportedProtocol,
            e => { e.ProtocolsStr = "http"; e.RedirProtocolsStr = "all"; });
        Assert.False(target.AnyoneConnected);
        Assert.Equal("Protocol \"ftp\" not supported or disabled in Curlew (ProtocolsStr does not allow it)", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task A_first_URL_ProtocolsStr_excludes_fails_before_any_socket_is_opened()
    {
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/hello", ProtocolsStr = "ftp,https" };
        var ledger = new CallbackLedger().Install(easy);
        Run.AssertCode(CurlCode.UnsupportedProtocol, await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal("Protocol \"http\" not supported or disabled in Curlew (ProtocolsStr does not allow it)", easy.ErrorMessage);
        Assert.Empty(ledger.OpenAttempts);
        Assert.Equal("GET", easy.GetInfoString(CurlInfo.EffectiveMethod));
    }

    [Fact]
    public async Task A_redirect_to_an_unknown_scheme_fails_unsupported_and_keeps_the_last_URL()
    {
        using var target = new SilentListener();
        using var t = await FollowExpecting(Redirect($"gopher://127.0.0.1:{target.Port}/x"), CurlCode.UnsupportedProtocol);
        Assert.False(target.AnyoneConnected);
        Assert.Equal("Protocol \"gopher\" not supported or disabled in Curlew", t.Easy.ErrorMessage);
        // Like libcurl for a scheme it was built without: the target does not parse, so the effective URL stays.
        Assert.Equal(Redirect($"gopher://127.0.0.1:{target.Port}/x"), t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Fact]
    public async Task MaxRedirs_stops_before_judging_the_target_and_reports_where_it_would_have_gone()
    {
        using var target = new SilentListener();
        string to = $"https://127.0.0.1:{target.Port}/x";
        using var t = await FollowExpecting(Redirect(to), CurlCode.TooManyRedirects, e => e.MaxRedirs = 0);
        Assert.False(target.AnyoneConnected);
        Assert.Equal("Maximum (0) redirects followed", t.Easy.ErrorMessage);
        Assert.Equal(to, t.Easy.GetInfoString(CurlInfo.RedirectUrl));
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Fact]
    public async Task A_plain_http_chain_across_two_servers_still_follows_to_the_end()
    {
        await using var other = await KestrelTestServer.StartAsync();
        using var t = new TestTransfer(Redirect(other.BaseUrl + "/redirect-chain/2"));
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal("done\n", t.Capture.Text);
        Assert.Equal(3, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(other.BaseUrl + "/redirect-chain/0", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(2, t.Ledger.Opens.Count);
        t.Finish();
    }
}
