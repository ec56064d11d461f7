using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>What a handle does when it is used after Dispose or re-entered from its own transfer.</summary>
public class HandleMisuseTests : IClassFixture<KestrelFixture>
{
    private readonly KestrelTestServer _server;

    public HandleMisuseTests(KestrelFixture fixture) => _server = fixture.Server;

    [Fact]
    public void After_Dispose_Perform_SetOpt_Reset_and_setters_throw_ObjectDisposedException()
    {
        var easy = new CurlEasy();
        easy.Dispose();
        Assert.Throws<ObjectDisposedException>(() => easy.Perform());
        Assert.Throws<ObjectDisposedException>(() => { _ = easy.PerformAsync(); });   // thrown at the call, not through the task
        Assert.Throws<ObjectDisposedException>(() => easy.SetOpt(CurlOption.Url, "http://127.0.0.1/"));
        Assert.Throws<ObjectDisposedException>(() => easy.Reset());
        Assert.Throws<ObjectDisposedException>(() => easy.Url = "http://127.0.0.1/");
        Assert.Throws<ObjectDisposedException>(() => easy.MaxRedirs = 3);
    }

    [Fact]
    public async Task Dispose_is_idempotent_and_the_last_results_stay_readable()
    {
        var easy = new CurlEasy { Url = _server.BaseUrl + "/status/404", FailOnError = true, WriteFunction = (d, _) => d.Length };
        Assert.Equal(CurlCode.HttpReturnedError, await easy.PerformGuarded());
        easy.Dispose();
        easy.Dispose();
        Assert.False(string.IsNullOrEmpty(easy.ErrorMessage));
        Assert.Equal(404L, easy.GetInfo(CurlInfo.ResponseCode));
        Assert.Equal(404, easy.GetInfoLong(CurlInfo.ResponseCode));
        Assert.Equal(_server.BaseUrl + "/status/404", easy.Url);
    }

    [Fact]
    public async Task Perform_from_a_callback_of_a_running_transfer_returns_RecursiveApiCall()
    {
        using var easy = new CurlEasy { Url = _server.BaseUrl + "/hello" };
        CurlCode? inner = null;
        easy.WriteFunction = (d, _) => { inner ??= easy.Perform(); return d.Length; };
        Run.AssertOk(await easy.PerformGuarded(), easy);
        Assert.Equal(CurlCode.RecursiveApiCall, inner);
    }

    [Fact]
    public async Task Reset_from_a_callback_resets_only_the_next_transfer()
    {
        using var easy = new CurlEasy { Url = _server.BaseUrl + "/hello" };
        var body = new MemoryStream();
        Exception? thrown = null;
        easy.WriteFunction = (d, _) =>
        {
            try { easy.Reset(); } catch (Exception ex) { thrown = ex; }
            body.Write(d);
            return d.Length;
        };
        Run.AssertOk(await easy.PerformGuarded(), easy);
        Assert.Null(thrown);
        Assert.Equal("hello world\n", System.Text.Encoding.ASCII.GetString(body.ToArray()));   // the running transfer kept its write callback
        Assert.Null(easy.Url);
        Assert.Null(easy.WriteFunction);
        Assert.Equal(CurlCode.UrlMalformat, easy.Perform());                                  // ...and the next one has the defaults
    }

    [Fact]
    public async Task SetOpt_from_a_callback_changes_only_the_next_transfer()
    {
        using var easy = new CurlEasy { Url = _server.BaseUrl + "/hello" };
        easy.WriteFunction = (d, _) =>
        {
            Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Url, _server.BaseUrl + "/status/201"));
            return d.Length;
        };
        Run.AssertOk(await easy.PerformGuarded(), easy);
        Assert.Equal(_server.BaseUrl + "/hello", easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal(200, easy.GetInfoLong(CurlInfo.ResponseCode));

        Run.AssertOk(await easy.PerformGuarded(), easy);
        Assert.Equal(201, easy.GetInfoLong(CurlInfo.ResponseCode));
    }
}
