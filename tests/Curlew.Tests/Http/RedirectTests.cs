using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>FollowLocation: which redirects change the method, which keep the body, and the redirect limit.</summary>
public sealed class RedirectTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private string Redirect(int code, string to) => $"{kestrel.BaseUrl}/redirect/{code}?to={Uri.EscapeDataString(to)}";

    [Fact]
    public async Task Without_FollowLocation_the_redirect_itself_is_the_result()
    {
        using var t = new TestTransfer(Redirect(302, "/hello"));
        await t.PerformOk();
        Assert.Equal(302, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("/hello", t.Capture.Header("Location"));
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Theory]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    public async Task A_POST_redirected_with_301_302_or_303_becomes_a_GET_without_body(int status)
    {
        using var t = new TestTransfer(Redirect(status, "/echo"));
        t.Easy.FollowLocation = true;
        t.Easy.PostFields = "payload"u8.ToArray();
        await t.PerformOk();
        Assert.Equal(200, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal("GET", t.Capture.Header("X-Method"));
        Assert.Empty(t.Capture.Body);
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(kestrel.BaseUrl + "/echo", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        t.Finish();
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task A_POST_redirected_with_307_or_308_keeps_its_method_and_body(int status)
    {
        using var t = new TestTransfer(Redirect(status, "/echo"));
        t.Easy.FollowLocation = true;
        t.Easy.PostFields = "payload"u8.ToArray();
        await t.PerformOk();
        Assert.Equal("POST", t.Capture.Header("X-Method"));
        Assert.Equal("payload", t.Capture.Text);
        Assert.Equal(1, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Fact]
    public async Task A_redirect_to_an_absolute_URL_is_followed()
    {
        using var t = new TestTransfer(Redirect(301, kestrel.BaseUrl + "/hello"));
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_redirect_chain_is_followed_to_the_end_on_one_connection()
    {
        using var t = new TestTransfer(kestrel.BaseUrl + "/redirect-chain/3");
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal("done\n", t.Capture.Text);
        Assert.Equal(3, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        Assert.Equal(kestrel.BaseUrl + "/redirect-chain/0", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Single(t.Ledger.Opens);
        t.Finish();
    }

    [Fact]
    public async Task Going_past_MaxRedirs_fails_with_TooManyRedirects()
    {
        using var t = new TestTransfer(kestrel.BaseUrl + "/redirect-chain/5");
        t.Easy.FollowLocation = true;
        t.Easy.MaxRedirs = 2;
        await t.PerformExpecting(CurlCode.TooManyRedirects);
        t.Finish();
    }

    [Fact]
    public async Task A_redirect_to_another_server_opens_a_second_connection_and_closes_both_at_the_end()
    {
        await using var other = await KestrelTestServer.StartAsync();
        using var t = new TestTransfer(Redirect(302, other.BaseUrl + "/hello"));
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal("hello world\n", t.Capture.Text);
        Assert.Equal(2, t.Ledger.Opens.Count);
        Assert.Equal(other.Port, t.Easy.GetInfoLong(CurlInfo.PrimaryPort));
        t.Finish();
    }
    // Two names for the one local server: to the handle they are two different hosts.
    private string Named(string host, string path) => $"http://{host}:{kestrel.Server.Port}{path}";
    private string[] BothNames => [$"first.test:{kestrel.Server.Port}:127.0.0.1", $"second.test:{kestrel.Server.Port}:127.0.0.1"];

    [Fact]
    public async Task The_users_Authorization_Cookie_and_Host_headers_are_not_sent_to_another_host_after_a_redirect()
    {
        using var t = new TestTransfer(Named("first.test", $"/redirect/302?to={Uri.EscapeDataString(Named("second.test", "/headers"))}"));
        t.Easy.Resolve = BothNames;
        t.Easy.FollowLocation = true;
        t.Easy.HttpHeader = ["Authorization: Bearer secret-token", "Cookie: session=secret", "Host: first.test", "X-Kept: yes"];
        await t.PerformOk();
        var seen = t.Capture.Text;
        Assert.DoesNotContain("secret", seen);
        Assert.Contains($"Host: second.test:{kestrel.Server.Port}", seen);
        Assert.Contains("X-Kept: yes", seen);
        t.Finish();
    }

    [Fact]
    public async Task UserPwd_credentials_come_back_when_a_redirect_chain_returns_to_the_first_host()
    {
        var back = Named("first.test", "/basic-auth/user/pass");
        var away = Named("second.test", $"/redirect/302?to={Uri.EscapeDataString(back)}");
        using var t = new TestTransfer(Named("first.test", $"/redirect/302?to={Uri.EscapeDataString(away)}"));
        t.Easy.Resolve = BothNames;
        t.Easy.FollowLocation = true;
        t.Easy.UserPwd = "user:pass";
        await t.PerformOk();
        Assert.Equal("authenticated user\n", t.Capture.Text);
        Assert.Equal(2, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }

    [Fact]
    public async Task An_empty_Location_is_no_redirect_and_ends_the_transfer_with_that_response()
    {
        using var t = new TestTransfer(kestrel.BaseUrl + "/redirect/302?to=");
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal("", t.Capture.Header("Location"));   // the server really sent the empty header
        Assert.Equal(302, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(0, t.Easy.GetInfoLong(CurlInfo.RedirectCount));
        t.Finish();
    }
}
