using System.Diagnostics;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

public class MoreOptionTests : IClassFixture<KestrelFixture>
{
    private readonly KestrelTestServer _server;

    public MoreOptionTests(KestrelFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task AutoReferer_sends_the_page_a_redirect_came_from()
    {
        using var easy = new CurlEasy
        {
            Url = _server.BaseUrl + "/redirect/302?to=/headers",
            FollowLocation = true,
            AutoReferer = true,
        };
        var body = new StringBuilder();
        easy.WriteFunction = (d, _) => { body.Append(Encoding.UTF8.GetString(d)); return d.Length; };
        var ledger = new CallbackLedger().Install(easy);

        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded(ledger));
        Assert.Contains($"Referer: {_server.BaseUrl}/redirect/302?to=/headers", body.ToString());
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task The_Port_option_overrides_the_URLs_port_and_keeps_everything_else()
    {
        using var easy = new CurlEasy { Url = "http://127.0.0.1:9/headers?x=1", Port = _server.Port };
        var body = new StringBuilder();
        easy.WriteFunction = (d, _) => { body.Append(Encoding.UTF8.GetString(d)); return d.Length; };

        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded());
        Assert.Equal((long)_server.Port, easy.GetInfo(CurlInfo.PrimaryPort));
        Assert.Equal($"http://127.0.0.1:{_server.Port}/headers?x=1", easy.GetInfo(CurlInfo.EffectiveUrl));
        Assert.Contains($"Host: 127.0.0.1:{_server.Port}\n", body.ToString());
    }

    [Fact]
    public async Task The_Host_header_keeps_the_host_name_as_written_like_curl()
    {
        using var easy = new CurlEasy
        {
            Url = $"http://Curlew.Example:{_server.Port}/headers",
            Resolve = [$"curlew.example:{_server.Port}:127.0.0.1"],
        };
        var body = new StringBuilder();
        easy.WriteFunction = (d, _) => { body.Append(Encoding.UTF8.GetString(d)); return d.Length; };

        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded());
        Assert.Contains($"Host: Curlew.Example:{_server.Port}\n", body.ToString());
    }

    [Fact]
    public async Task A_transfer_slower_than_LowSpeedLimit_for_LowSpeedTime_seconds_times_out()
    {
        await using var stall = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var easy = new CurlEasy { Url = stall.BaseUrl + "/", WriteFunction = (d, _) => d.Length };
        easy.SetOpt(CurlOption.LowSpeedLimit, 10);
        easy.SetOpt(CurlOption.LowSpeedTime, 1);
        var ledger = new CallbackLedger().Install(easy);

        var watch = Stopwatch.StartNew();
        var code = await easy.PerformGuarded(ledger, TimeSpan.FromSeconds(15));
        Assert.Equal(CurlCode.OperationTimedout, code);
        Assert.Contains("too slow", easy.ErrorMessage);
        Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 8);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task HttpVersion_1_0_sends_an_HTTP_1_0_request_line()
    {
        string? head = null;
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            head = await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var easy = new CurlEasy { Url = server.BaseUrl + "/v", WriteFunction = (d, _) => d.Length };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.HttpVersion, 1));
        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded());
        Assert.StartsWith("GET /v HTTP/1.0\r\n", head);
        Assert.Equal(1L, easy.GetInfo(CurlInfo.HttpVersion));
    }

    [Fact]
    public async Task Asking_for_content_decoding_says_it_is_not_built_in_rather_than_delivering_compressed_bytes()
    {
        using var easy = new CurlEasy { Url = _server.BaseUrl + "/hello", WriteFunction = (d, _) => d.Length };
        easy.SetOpt(CurlOption.AcceptEncoding, "gzip");
        var ledger = new CallbackLedger().Install(easy);
        Assert.Equal(CurlCode.NotBuiltIn, await easy.PerformGuarded(ledger));
        Assert.Contains("AcceptEncoding", easy.ErrorMessage);
        Assert.Empty(ledger.Opens);
    }
}

public class RedirectBodyTests
{
    [Fact]
    public async Task A_redirect_whose_body_only_ends_at_close_is_followed_without_waiting_for_that_close()
    {
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            var head = await FaultScripts.ReadRequestHeadAsync(socket, ct);
            if (head.StartsWith("GET /b ", StringComparison.Ordinal))
                await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\ndone", ct);
            else
                await FaultScripts.SendAsync(socket, "HTTP/1.1 302 Found\r\nLocation: /b\r\n\r\nthis body never ends", ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);   // the 302's connection stays open: no end-of-body
        });
        var body = new StringBuilder();
        using var easy = new CurlEasy
        {
            Url = server.BaseUrl + "/",
            FollowLocation = true,
            TimeoutMs = 5000,
            WriteFunction = (d, _) => { body.Append(Encoding.ASCII.GetString(d)); return d.Length; },
        };
        var ledger = new CallbackLedger().Install(easy);

        Assert.Equal(CurlCode.Ok, await easy.PerformGuarded(ledger));
        Assert.Equal("done", body.ToString());
        Assert.Equal(2L, easy.GetInfo(CurlInfo.NumConnects));
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
