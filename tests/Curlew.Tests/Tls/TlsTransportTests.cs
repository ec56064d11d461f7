using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Tls;

/// <summary>
/// TLS under the socket callbacks and the threading contract: the open callback sees the TCP target, a rewrite or an
/// AlreadyConnected handover carries TLS on top; a synchronous Perform runs the handshake and every record on the
/// caller's thread; redirects between http and https go through TLS when the target is https.
/// </summary>
[Collection("nginx-tls")]
public sealed class TlsTransportTests(NginxTlsFixture fixture)
{
    private NginxTlsServer Server => fixture.Server;
    private int TlsPort => Server.Nginx.Ports["tls"];

    private TestTransfer Transfer(string url)
    {
        var t = new TestTransfer(url);
        t.Easy.CaInfo = Server.Certificates.CaFile;
        return t;
    }

    [Fact]
    public async Task The_open_callback_sees_the_TCP_target_of_an_https_url()
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        await t.PerformOk();
        var open = Assert.Single(t.Ledger.Opens);
        Assert.Equal("127.0.0.1", open.Address);
        Assert.Equal(TlsPort, open.Port);
        t.Finish();
    }

    [Fact]
    public async Task An_address_rewritten_by_the_open_callback_carries_TLS_to_the_new_target()
    {
        using var t = Transfer($"https://127.0.0.1:{Run.ClosedPort()}/small.txt");
        t.Ledger.OnOpen = address =>
        {
            address.Address = new IPEndPoint(IPAddress.Loopback, TlsPort);
            return new Socket(address.Family, address.SocketType, address.Protocol);
        };
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Equal("TLSv1.3", t.Capture.Header("X-Tls"));
        t.Finish();
    }

    [Fact]
    public async Task An_AlreadyConnected_socket_handed_over_by_the_application_gets_TLS_on_top()
    {
        var own = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await own.ConnectAsync(IPAddress.Loopback, TlsPort);
        using var t = Transfer("https://127.0.0.1:9/small.txt");   // only the TLS name check and Host header use it
        t.Ledger.OnOpen = _ => own;
        t.Ledger.OnSockOpt = (_, _) => SockOptResult.AlreadyConnected;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.True(t.Ledger.SockOpts.Single().WasConnected);
        t.Finish();
    }

    [Fact]
    public async Task A_synchronous_Perform_runs_the_TLS_handshake_and_every_record_on_the_calling_thread()
    {
        using var t = Transfer(Server.Https("tls") + "/big.bin");
        var threads = new HashSet<int>();
        var tlsLineThread = 0;
        t.Easy.Verbose = true;
        t.Easy.DebugFunction = (type, data, _) =>
        {
            if (type == CurlInfoType.Text && Encoding.ASCII.GetString(data).StartsWith("SSL connection using", StringComparison.Ordinal))
                tlsLineThread = Environment.CurrentManagedThreadId;
            return 0;
        };
        var capture = new MemoryStream();
        t.Easy.WriteFunction = (data, _) =>
        {
            lock (threads) threads.Add(Environment.CurrentManagedThreadId);
            capture.Write(data);
            return data.Length;
        };
        int caller = 0;
        CurlCode code = CurlCode.Ok;
        var thread = new Thread(() =>
        {
            caller = Environment.CurrentManagedThreadId;
            code = t.Easy.Perform();
        });
        thread.Start();
        Assert.True(thread.Join(Run.HangLimit), "Perform hung");

        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.Equal(NginxServer.BigSize, capture.Length);
        Assert.Equal(caller, tlsLineThread);          // the handshake finished on the caller's thread
        Assert.Equal([caller], threads);              // and every decrypted record was delivered there: no hop
        t.Finish();
    }

    [Fact]
    public async Task An_http_to_https_redirect_is_followed_over_TLS()
    {
        using var t = Transfer(Server.RedirectToHttps + "/small.txt");
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.Equal($"https://127.0.0.1:{TlsPort}/small.txt", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        Assert.Equal("HTTPS", t.Easy.GetInfoString(CurlInfo.Scheme));
        Assert.Equal("TLSv1.3", t.Capture.Header("X-Tls"));   // set only by nginx's TLS server, from the TLS session
        Assert.Equal(2, t.Easy.GetInfoLong(CurlInfo.NumConnects));
        t.Finish();
    }

    [Fact]
    public async Task An_https_to_http_redirect_is_followed_in_clear_text_as_libcurl_allows()
    {
        using var t = Transfer(Server.Https("tls") + "/to-http");
        t.Easy.FollowLocation = true;
        await t.PerformOk();
        Assert.Equal(NginxServer.SmallText, t.Capture.Text);
        Assert.StartsWith("http://127.0.0.1:", t.Easy.GetInfoString(CurlInfo.EffectiveUrl));
        // Only the 302 came over TLS (nginx's TLS server adds X-Tls); the final answer came in clear text.
        Assert.Single(t.Capture.HeaderLines, line => line.StartsWith("X-Tls:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("HTTP", t.Easy.GetInfoString(CurlInfo.Scheme));
        t.Finish();
    }

    [Fact]
    public async Task An_https_to_http_redirect_is_refused_when_RedirProtocols_allow_only_https()
    {
        using var t = Transfer(Server.Https("tls") + "/to-http");
        t.Easy.FollowLocation = true;
        t.Easy.SetOpt(CurlOption.RedirProtocolsStr, "https");
        await t.PerformExpecting(CurlCode.UnsupportedProtocol);
        t.Finish();
    }

    [Theory]
    [InlineData(true, 2 * 1024 * 1024, 413)]    // nginx refuses a body over 1 MiB before reading it
    [InlineData(false, 2 * 1024 * 1024, 413)]
    [InlineData(true, 100_000, 405)]            // and serves no POST on a static file
    [InlineData(false, 100_000, 405)]
    public async Task A_body_uploaded_over_TLS_to_a_server_that_refuses_it_ends_with_the_answer_and_no_hang(bool synchronous, int size, int status)
    {
        using var t = Transfer(Server.Https("tls") + "/small.txt");
        t.Easy.PostFields = new byte[size];
        var code = synchronous ? await t.Perform() : await t.Easy.PerformAsyncGuarded(CancellationToken.None, t.Ledger);
        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.Equal(status, t.Easy.GetInfoLong(CurlInfo.ResponseCode));
        t.Finish();
    }
}
