using System.Text;
using Xunit;

namespace Curlew.Tests.Http.Auth;

/// <summary>
/// Issue 11 against Kestrel: a caller who does not allow Basic never has the password sent in clear, whatever the
/// server offers; the server's raw received bytes are searched for the password and for its Basic encoding.
/// </summary>
public class HttpAuthKestrelTests
{
    private static readonly string BasicToken =
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AuthKestrelServer.User}:{AuthKestrelServer.Password}"));

    private static (CurlCode Code, long Status, string Body) Fetch(string url, CurlAuth? auth, Action<CurlEasy>? more = null)
    {
        using var easy = new CurlEasy { Url = url, TimeoutMs = 10_000 };
        var body = new MemoryStream();
        easy.WriteFunction = (data, _) => { body.Write(data); return data.Length; };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.UserPwd, $"{AuthKestrelServer.User}:{AuthKestrelServer.Password}"));
        if (auth is { } a) Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.HttpAuth, a));
        more?.Invoke(easy);
        var code = easy.Perform();
        return (code, Convert.ToInt64(easy.GetInfo(CurlInfo.ResponseCode)), Encoding.UTF8.GetString(body.ToArray()));
    }

    // Several performs of one handle with the credentials (and HttpAuth choice), each answered 200.
    private static void PerformOnOneHandle(string url, CurlAuth? auth, int times)
    {
        using var easy = new CurlEasy { Url = url, TimeoutMs = 10_000 };
        easy.WriteFunction = static (data, _) => data.Length;
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.UserPwd, $"{AuthKestrelServer.User}:{AuthKestrelServer.Password}"));
        if (auth is { } a) Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.HttpAuth, a));
        for (int i = 0; i < times; i++)
        {
            Assert.Equal(CurlCode.Ok, easy.Perform());
            Assert.Equal(200L, easy.GetInfoLong(CurlInfo.ResponseCode));
        }
    }

    private static void AssertNoClearPassword(AuthKestrelServer server)
    {
        var seen = server.CapturedText;
        Assert.True(seen.Length > 0, "the capture saw no bytes at all");
        Assert.DoesNotContain("Authorization: Basic", seen);
        Assert.DoesNotContain(AuthKestrelServer.Password, seen);
        Assert.DoesNotContain(BasicToken, seen);
    }

    [Fact]
    public async Task A_Digest_only_caller_gets_in_without_ever_sending_Basic_or_the_password()
    {
        await using var server = await AuthKestrelServer.StartAsync();

        var (code, status, body) = Fetch(server.BaseUrl + "/digest", CurlAuth.Digest);

        Assert.Equal((CurlCode.Ok, 200L, "welcome"), (code, status, body));
        Assert.Equal(2, server.Authorizations.Count);
        Assert.Equal("", server.Authorizations[0]);
        Assert.StartsWith("Digest ", server.Authorizations[1]);
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task Each_perform_of_a_reused_handle_starts_Digest_afresh()
    {
        await using var server = await AuthKestrelServer.StartAsync();
        PerformOnOneHandle(server.BaseUrl + "/digest", CurlAuth.Digest, times: 2);
        // As libcurl: a nonce never outlives its perform, so each perform probes again before it answers.
        Assert.Equal(4, server.Authorizations.Count);
        Assert.Equal(["", "Digest", "", "Digest"], server.Authorizations.Select(a => a.Split(' ')[0]));
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task Basic_goes_with_every_perform_of_a_reused_handle_at_once()
    {
        await using var server = await AuthKestrelServer.StartAsync();
        PerformOnOneHandle(server.BaseUrl + "/basic", auth: null, times: 3);
        Assert.Equal(Enumerable.Repeat("Basic " + BasicToken, 3), server.Authorizations);
    }

    [Fact]
    public async Task Any_prefers_Digest_when_the_server_offers_Basic_too()
    {
        await using var server = await AuthKestrelServer.StartAsync();

        var (code, status, _) = Fetch(server.BaseUrl + "/digest", CurlAuth.Any);

        Assert.Equal((CurlCode.Ok, 200L), (code, status));
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task An_AnySafe_caller_leaves_a_Basic_only_server_with_its_401()
    {
        await using var server = await AuthKestrelServer.StartAsync();

        var (code, status, body) = Fetch(server.BaseUrl + "/basic", CurlAuth.AnySafe);

        Assert.Equal((CurlCode.Ok, 401L, "denied"), (code, status, body));
        Assert.Equal([""], server.Authorizations);
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task A_Digest_only_caller_leaves_a_Basic_only_server_with_its_401()
    {
        await using var server = await AuthKestrelServer.StartAsync();

        var (code, status, _) = Fetch(server.BaseUrl + "/basic", CurlAuth.Digest);

        Assert.Equal((CurlCode.Ok, 401L), (code, status));
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task The_default_sends_Basic_at_once_and_the_capture_sees_it()
    {
        // Proves the capture would catch a leak: with Basic allowed, the encoded password is on the wire.
        await using var server = await AuthKestrelServer.StartAsync();

        var (code, status, _) = Fetch(server.BaseUrl + "/basic", null);

        Assert.Equal((CurlCode.Ok, 200L), (code, status));
        Assert.Contains("Authorization: Basic " + BasicToken, server.CapturedText);
        Assert.Single(server.Authorizations);
    }

    [Fact]
    public async Task A_seekable_POST_body_is_sent_again_with_Digest_after_the_probe()
    {
        await using var server = await AuthKestrelServer.StartAsync();
        var upload = new MemoryStream(Encoding.ASCII.GetBytes("payload-bytes"));

        var (code, status, _) = Fetch(server.BaseUrl + "/digest", CurlAuth.Any, easy =>
        {
            easy.SetOpt(CurlOption.Post, 1L);
            easy.SetOpt(CurlOption.PostFieldSizeLarge, upload.Length);
            easy.SetOpt(CurlOption.ReadData, upload);
        });

        Assert.Equal((CurlCode.Ok, 200L), (code, status));
        Assert.Equal(2, server.CapturedText.Split("payload-bytes").Length - 1);   // with the probe, then with credentials
        AssertNoClearPassword(server);
    }

    [Fact]
    public async Task A_read_callback_POST_that_cannot_rewind_fails_with_SendFailRewind()
    {
        await using var server = await AuthKestrelServer.StartAsync();
        int calls = 0;
        using var easy = new CurlEasy { Url = server.BaseUrl + "/digest", TimeoutMs = 10_000 };
        easy.WriteFunction = (data, _) => data.Length;
        easy.SetOpt(CurlOption.UserPwd, $"{AuthKestrelServer.User}:{AuthKestrelServer.Password}");
        easy.SetOpt(CurlOption.HttpAuth, CurlAuth.Any);
        easy.SetOpt(CurlOption.Post, 1L);   // a small POST goes with the probe (a PUT would wait for 100 Continue)
        easy.SetOpt(CurlOption.PostFieldSizeLarge, 3L);
        easy.SetOpt(CurlOption.ReadFunction, (ReadCallback)((buffer, _) => calls++ == 0 ? Fill(buffer) : 0));

        var code = easy.Perform();

        Assert.Equal(CurlCode.SendFailRewind, code);
        Assert.Contains("rewind", easy.ErrorMessage);
        AssertNoClearPassword(server);
    }

    private static long Fill(Span<byte> buffer)
    {
        "abc"u8.CopyTo(buffer);
        return 3;
    }
}
