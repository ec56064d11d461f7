using System.Net;
using System.Text;
using Xunit;

namespace Curlew.Tests.Differential;

/// <summary>
/// The differential cases, grouped by topic. Each builds a scenario from the shared servers; the test classes run one
/// group each, and <see cref="DifferentialSummaryTests"/> runs them all for the table.
/// </summary>
public static class DiffCases
{
    private static readonly IPAddress Refused = IPAddress.Parse("127.0.0.2"); // loopback, but Kestrel binds 127.0.0.1 only

    private static IPEndPoint Live(DiffServers s) => new(IPAddress.Loopback, s.Port);

    private static DiffScenario Get(string url, Action<IDiffEasy>? more = null, SocketPolicy? policy = null, int? expect = null) => new()
    {
        Policy = policy ?? SocketPolicy.Default,
        Setup = e =>
        {
            e.Url = url;
            more?.Invoke(e);
        },
        ExpectCode = expect,
    };

    private static UploadReader Source(byte[] data, int maxChunk = 1 << 20)
    {
        var offset = 0;
        return buffer =>
        {
            var n = Math.Min(Math.Min(buffer.Length, maxChunk), data.Length - offset);
            data.AsSpan(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        };
    }

    /// <summary>
    /// libcurl picks the connection to evict by idle time in whole milliseconds, taking the first in hash order on a tie;
    /// transfers a few ms apart make "the oldest" well defined for both engines.
    /// </summary>
    private static void Pause(int performIndex)
    {
        if (performIndex > 0) Thread.Sleep(25);
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    // ---- socket callbacks -----------------------------------------------------------------------------------------
    public static readonly DiffCase[] SocketCallbacks =
    [
        new("plain GET", s => Get(s.BaseUrl + "/hello", expect: 0)),
        new("GET without socket callbacks", s => Get(s.BaseUrl + "/hello", policy: new SocketPolicy { Install = false }, expect: 0)),
        new("Resolve name:port:127.0.0.1", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.1"], expect: 0)),
        new("ConnectTo name:port:127.0.0.1:port", s => Get("http://elsewhere.test:8123/hello",
            e => e.ConnectTo = [$"elsewhere.test:8123:127.0.0.1:{s.Port}"], expect: 0)),
        new("Resolve two addresses, first refuses connection", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,127.0.0.1"], expect: 0)),
        new("connection refused, no listener", s => Get($"http://127.0.0.1:{DiffServers.DeadPort()}/hello", expect: 7)),
        new("open callback refuses every address", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,127.0.0.1"],
            new SocketPolicy { Refuse = (_, _) => true }, expect: 7)),
        new("open callback refuses the first address only", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,127.0.0.1"],
            new SocketPolicy { Refuse = (i, _) => i == 0 }, expect: 0)),
        new("open callback rewrites the port", s =>
        {
            var dead = DiffServers.DeadPort();
            var scenario = Get($"http://127.0.0.1:{dead}/hello", policy: new SocketPolicy { Rewrite = (_, _) => Live(s) }, expect: 0);
            // libcurl 7.88.1 connects to the rewritten target but still reports the URL's port as CURLINFO_PRIMARY_PORT
            // (newer libcurl re-reads the address after the callback: set_remote_ip in cf-socket.c). API.md rule 2
            // makes Curlew report the rewritten port, so this is a libcurl-version difference, stated exactly.
            return new DiffScenario
            {
                Policy = scenario.Policy,
                Setup = scenario.Setup,
                ExpectCode = 0,
                Known = LibCurlReportsPreRewritePort(dead, s.Port),
            };
        }),
        new("open callback rewrites the address", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2"],
            new SocketPolicy { Rewrite = (_, target) => target.Address.Equals(Refused) ? Live(s) : null }, expect: 0)),
        new("open callback rewrites to a dead port", s =>
        {
            var dead = new IPEndPoint(IPAddress.Loopback, DiffServers.DeadPort());
            return Get(s.BaseUrl + "/hello", policy: new SocketPolicy { Rewrite = (_, _) => dead }, expect: 7);
        }),
        new("sockopt returns error", s => Get(s.BaseUrl + "/hello",
            policy: new SocketPolicy { SockOpt = _ => 1 }, expect: 42)),
        new("sockopt error on the first address only", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,127.0.0.1"],
            new SocketPolicy { SockOpt = i => i == 0 ? 1 : 0 }, expect: 0)),
        new("sockopt error on every address", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,127.0.0.1"],
            new SocketPolicy { SockOpt = _ => 1 }, expect: 42)),
        new("Resolve [::1] (refused) and 127.0.0.1", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:[::1],127.0.0.1"], expect: 0)),
        new("IPv6 address via Resolve", s => s.DualStack is null
            ? throw new InvalidOperationException("this machine has no IPv6 loopback; the case needs [::1]")
            : Get($"http://curlew.test:{s.DualStack.Port}/hello", e => e.Resolve = [$"curlew.test:{s.DualStack.Port}:[::1]"], expect: 0)),
        new("GET http://[::1]:port/ (IPv6 literal)", s => Get($"http://[::1]:{NeedIPv6(s).Port}/hello", expect: 0)),
        new("Resolve [::1] and 127.0.0.1 where both listen", s => Get($"http://curlew.test:{NeedIPv6(s).Port}/hello",
            e => e.Resolve = [$"curlew.test:{NeedIPv6(s).Port}:[::1],127.0.0.1"], expect: 0)),
        new("Resolve 127.0.0.2, [::1] and 127.0.0.1 where only IPv4 listens", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:127.0.0.2,[::1],127.0.0.1"], expect: 0)),
        new("Resolve [::1] and 127.0.0.1 where only IPv4 listens, IPv6 refused by the open callback", s => Get($"http://curlew.test:{s.Port}/hello",
            e => e.Resolve = [$"curlew.test:{s.Port}:[::1],127.0.0.1"],
            new SocketPolicy { Refuse = (_, target) => target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 }, expect: 0)),
        // Unix domain sockets: the open callback sees AF_UNIX with the path (recorded as "path:0" on both sides).
        new("Unix socket GET", s => Get("http://localhost/hello", e => e.UnixSocketPath = s.Unix.Path, expect: 0)),
        new("Unix socket GET without socket callbacks", s => Get("http://localhost/hello", e => e.UnixSocketPath = s.Unix.Path,
            new SocketPolicy { Install = false }, expect: 0)),
        new("Unix socket: two performs reuse one connection", s => new DiffScenario
        {
            Setup = e =>
            {
                e.Url = "http://localhost/hello";
                e.UnixSocketPath = s.Unix.Path;
            },
            Performs = 2,
            ExpectCode = 0,
        }),
        new("Unix socket POST to /echo", s => Get("http://unix.test/echo", e =>
        {
            e.UnixSocketPath = s.Unix.Path;
            e.PostFields = Bytes("over=unix");
        }, expect: 0)),
        new("Unix socket path with no listener", s => Get("http://localhost/hello",
            e => e.UnixSocketPath = $"/tmp/cdiff-none-{Environment.ProcessId}.sock", expect: 7)),
    ];

    private static Servers.KestrelTestServer NeedIPv6(DiffServers s) =>
        s.DualStack ?? throw new InvalidOperationException("this machine has no IPv6 loopback; the case needs [::1]");

    // ---- connection reuse and the cache ---------------------------------------------------------------------------
    public static readonly DiffCase[] Reuse =
    [
        new("two performs on one handle reuse one connection", s => new DiffScenario
        {
            Setup = e => e.Url = s.BaseUrl + "/hello",
            Performs = 2,
            ExpectCode = 0,
        }),
        new("ForbidReuse closes after each transfer", s => new DiffScenario
        {
            Setup = e =>
            {
                e.Url = s.BaseUrl + "/hello";
                e.ForbidReuse = true;
            },
            Performs = 2,
            ExpectCode = 0,
        }),
        new("FreshConnect on the second transfer", s => new DiffScenario
        {
            Setup = e => e.Url = s.BaseUrl + "/hello",
            Performs = 2,
            BeforePerform = (e, i) => e.FreshConnect = i == 1,
            ExpectCode = 0,
        }),
        new("MaxConnects=1 with two hosts evicts the older", s => new DiffScenario
        {
            Setup = e =>
            {
                e.MaxConnects = 1;
                e.Resolve = [$"a.test:{s.Port}:127.0.0.1", $"b.test:{s.Second.Port}:127.0.0.1"];
            },
            Performs = 3,
            BeforePerform = (e, i) =>
            {
                Pause(i);
                e.Url = i == 1 ? $"http://b.test:{s.Second.Port}/hello" : $"http://a.test:{s.Port}/hello";
            },
            ExpectCode = 0,
        }),
        new("MaxConnects=1 with two names for the same server", s => new DiffScenario
        {
            Setup = e =>
            {
                e.MaxConnects = 1;
                e.Resolve = [$"a.test:{s.Port}:127.0.0.1", $"b.test:{s.Port}:127.0.0.1"];
            },
            Performs = 3,
            BeforePerform = (e, i) =>
            {
                Pause(i);
                e.Url = $"http://{(i == 1 ? "b" : "a")}.test:{s.Port}/hello";
            },
            ExpectCode = 0,
        }),
        new("default cache keeps two hosts", s => new DiffScenario
        {
            Setup = e => e.Resolve = [$"a.test:{s.Port}:127.0.0.1", $"b.test:{s.Second.Port}:127.0.0.1"],
            Performs = 3,
            BeforePerform = (e, i) =>
            {
                Pause(i);
                e.Url = i == 1 ? $"http://b.test:{s.Second.Port}/hello" : $"http://a.test:{s.Port}/hello";
            },
            ExpectCode = 0,
        }),
        new("server closed the idle connection between transfers", s =>
        {
            var idle = new DiffFaults.IdleConnections();
            var server = s.PrivateFault(idle.Script);
            return new DiffScenario
            {
                Setup = e => e.Url = server.BaseUrl + "/",
                Performs = 2,
                BeforePerform = (_, i) =>
                {
                    if (i > 0 && idle.CloseIdle() == 0)
                        throw new InvalidOperationException("the first transfer left no idle connection for the server to close");
                },
                ExpectCode = 0,
            };
        }),
        new("reused connection dies before the reply: retried on a fresh one", s => new DiffScenario
        {
            Setup = e => e.Url = s.Fault("seconddies", DiffFaults.SecondRequestDies).BaseUrl + "/",
            Performs = 2,
            ExpectCode = 0,
        }),
        new("204 No Content, then the connection is reused", s => new DiffScenario
        {
            Setup = e => e.Url = s.BaseUrl + "/status/204",
            Performs = 2,
            ExpectCode = 0,
        }),
        new("PUT to a route that never reads the body, then GET", s => new DiffScenario
        {
            Setup = e =>
            {
                var data = Servers.KestrelTestServer.Pattern(3000);
                e.Upload = true;
                e.InFileSize = data.Length;
                e.Reader = Source(data);
            },
            Performs = 2,
            BeforePerform = (e, i) =>
            {
                e.Url = s.BaseUrl + (i == 0 ? "/status/404" : "/hello");
                if (i == 1) e.Upload = false;
            },
            ExpectCode = 0,
        }),
        new("FailOnError closes the connection, the next transfer reconnects", s => new DiffScenario
        {
            Setup = e => e.FailOnError = true,
            Performs = 2,
            BeforePerform = (e, i) => e.Url = s.BaseUrl + (i == 0 ? "/status/404" : "/hello"),
            ExpectCode = 0,
        }),
    ];

    // ---- HTTP semantics -----------------------------------------------------------------------------------------------
    public static readonly DiffCase[] Http =
    [
        new("FailOnError 404", s => Get(s.BaseUrl + "/status/404", e => e.FailOnError = true, expect: 22)),
        new("404 without FailOnError", s => Get(s.BaseUrl + "/status/404", expect: 0)),
        new("HEAD (NoBody)", s => Get(s.BaseUrl + "/bytes/1000", e => e.NoBody = true, expect: 0)),
        new("chunked response", s => Get(s.BaseUrl + "/chunked/5000", expect: 0)),
        new("Range 100-299", s => Get(s.BaseUrl + "/bytes/1000", e => e.Range = "100-299", expect: 0)),
        new("ResumeFrom 600", s => Get(s.BaseUrl + "/bytes/1000", e => e.ResumeFrom = 600, expect: 0)),
        new("POST fields", s => Get(s.BaseUrl + "/echo", e => e.PostFields = Bytes("name=curlew&x=1"), expect: 0)),
        new("PUT with known size", s => Get(s.BaseUrl + "/echo", e =>
        {
            var data = Servers.KestrelTestServer.Pattern(3000);
            e.Upload = true;
            e.InFileSize = data.Length;
            e.Reader = Source(data, 1000);
        }, expect: 0)),
        new("PUT with known small size (100 bytes)", s => Get(s.BaseUrl + "/echo", e =>
        {
            var data = Servers.KestrelTestServer.Pattern(100);
            e.Upload = true;
            e.InFileSize = data.Length;
            e.Reader = Source(data);
        }, expect: 0)),
        new("POST fields of 1.5 MiB", s => Get(s.BaseUrl + "/echo", e => e.PostFields = Servers.KestrelTestServer.Pattern(1536 * 1024), expect: 0)),
        new("PUT chunked (unknown size)", s => Get(s.BaseUrl + "/echo", e =>
        {
            e.Upload = true;
            e.Reader = Source(Servers.KestrelTestServer.Pattern(3000), 700);
        }, expect: 0)),
        new("CustomRequest DELETE", s => Get(s.BaseUrl + "/echo", e => e.CustomRequest = "DELETE", expect: 0)),
        new("custom headers: add, replace Accept, send one empty", s => Get(s.BaseUrl + "/headers",
            e => e.HttpHeader = ["X-Added: yes", "Accept: text/plain", "X-Empty;"], expect: 0)),
        new("custom headers: remove Accept", s => Get(s.BaseUrl + "/headers",
            e => e.HttpHeader = ["Accept:", "X-Kept: 1"], expect: 0)),
        new("chunked response with trailer", s => Get(s.BaseUrl + "/chunked-trailer/3000", expect: 0)),
        new("Basic auth wrong password with FailOnError", s => Get(s.BaseUrl + "/basic-auth/user/pa55", e =>
        {
            e.UserPwd = "user:wrong";
            e.FailOnError = true;
        }, expect: 22)),
        new("Basic auth via UserPwd", s => Get(s.BaseUrl + "/basic-auth/user/pa55", e => e.UserPwd = "user:pa55", expect: 0)),
        new("HEAD on a chunked route", s => Get(s.BaseUrl + "/chunked/100", e => e.NoBody = true, expect: 0)),
        new("ResumeFrom beyond the end", s => Get(s.BaseUrl + "/bytes/1000", e => e.ResumeFrom = 2000)),
        new("ResumeFrom on a route without range support", s => Get(s.BaseUrl + "/hello", e => e.ResumeFrom = 5)),
        new("Range not satisfiable with FailOnError", s => Get(s.BaseUrl + "/bytes/1000", e =>
        {
            e.Range = "5000-6000";
            e.FailOnError = true;
        }, expect: 22)),
        new("MaxRedirs 0 with a redirect", s => Get(s.BaseUrl + "/redirect/302?to=/hello", e =>
        {
            e.FollowLocation = true;
            e.MaxRedirs = 0;
        }, expect: 47)),
        new("redirect to a refused port", s => Get(
            $"{s.BaseUrl}/redirect/302?to={Uri.EscapeDataString($"http://127.0.0.1:{DiffServers.DeadPort()}/x")}",
            e => e.FollowLocation = true, expect: 7)),
        new("redirect not followed", s => Get(s.BaseUrl + "/redirect/302?to=/hello", expect: 0)),
        new("redirect chain of 3 followed", s => Get(s.BaseUrl + "/redirect-chain/3", e => e.FollowLocation = true, expect: 0)),
        new("MaxRedirs 2 exceeded", s => Get(s.BaseUrl + "/redirect-chain/3", e =>
        {
            e.FollowLocation = true;
            e.MaxRedirs = 2;
        }, expect: 47)),
        RedirectPost(301),
        RedirectPost(302),
        RedirectPost(303),
        RedirectPost(307),
        RedirectPost(308),
        new("redirect to another host", s => Get($"{s.BaseUrl}/redirect/302?to={Uri.EscapeDataString(s.Second.BaseUrl + "/hello")}",
            e => e.FollowLocation = true, expect: 0)),
        new("302 without Content-Length on a kept-open connection, followed", s => Get(
            s.Fault("redirectnolength", DiffFaults.RedirectWithoutLengthKeptOpen).BaseUrl + "/", e =>
            {
                e.FollowLocation = true;
                // Neither engine may wait for the server to close the 302's connection (it never does): one that waits
                // ends at this deadline instead of following. Generous, so a loaded machine does not end a prompt one.
                e.TimeoutMs = 10_000;
            }, expect: 0)),
        new("FailOnError 404 with a 1 MiB body (Content-Length)", s => Get(
            s.Fault("404big", DiffFaults.NotFoundWithLargeBody(1 << 20, chunked: false)).BaseUrl + "/404", e => e.FailOnError = true, expect: 22)),
        new("FailOnError 404 with a 1 MiB body (chunked)", s => Get(
            s.Fault("404bigchunked", DiffFaults.NotFoundWithLargeBody(1 << 20, chunked: true)).BaseUrl + "/404", e => e.FailOnError = true, expect: 22)),
        new("FailOnError 404 with a 1 MiB body, then a 200 on the same handle", s => new DiffScenario
        {
            Setup = e => e.FailOnError = true,
            Performs = 2,
            BeforePerform = (e, i) => e.Url = s.Fault("404big", DiffFaults.NotFoundWithLargeBody(1 << 20, chunked: false)).BaseUrl + (i == 0 ? "/404" : "/ok"),
            ExpectCode = 0,
        }),
        new("404 with a 1 MiB body without FailOnError, then a 200 on the same handle", s => new DiffScenario
        {
            Setup = _ => { },
            Performs = 2,
            BeforePerform = (e, i) => e.Url = s.Fault("404big", DiffFaults.NotFoundWithLargeBody(1 << 20, chunked: false)).BaseUrl + (i == 0 ? "/404" : "/ok"),
            ExpectCode = 0,
        }),
        new("POST fields of 1 MiB + 1 byte (Expect: 100-continue)", s => Get(s.BaseUrl + "/echo",
            e => e.PostFields = Servers.KestrelTestServer.Pattern((1 << 20) + 1), expect: 0)),
        new("POST fields of 4 MiB (Expect: 100-continue)", s => Get(s.BaseUrl + "/echo",
            e => e.PostFields = Servers.KestrelTestServer.Pattern(4 << 20), expect: 0)),
        new("POST fields of exactly 1 MiB (no Expect)", s => Get(s.BaseUrl + "/echo",
            e => e.PostFields = Servers.KestrelTestServer.Pattern(1 << 20), expect: 0)),
        new("nginx small file", s => Get(s.Nginx.BaseUrl + "/small.txt", expect: 0)),
        new("nginx 4 MiB file", s => Get(s.Nginx.BaseUrl + "/big.bin", expect: 0)),
        new("nginx Range", s => Get(s.Nginx.BaseUrl + "/big.bin", e => e.Range = "1000-1999", expect: 0)),
    ];

    private static DiffCase RedirectPost(int code) => new($"POST redirected with {code}", s =>
        Get($"{s.BaseUrl}/redirect/{code}?to=/echo", e =>
        {
            e.PostFields = Bytes("posted=body");
            e.FollowLocation = true;
        }, expect: 0));

    // ---- broken servers -----------------------------------------------------------------------------------------------
    public static readonly DiffCase[] Faults =
    [
        new("garbage status line", s => Get(s.Fault("garbage", DiffFaults.GarbageStatusLine).BaseUrl + "/")),
        new("huge header line (150 KiB)", s => Get(s.Fault("hugeline", DiffFaults.HugeHeaderLine(150 * 1024)).BaseUrl + "/")),
        new("huge headers (400 KiB total)", s => Get(s.Fault("hugeheads", DiffFaults.HugeHeaders(400 * 1024)).BaseUrl + "/")),
        new("headers just over 100 KiB total", s => Get(s.Fault("heads100", DiffFaults.HugeHeaders(110 * 1024)).BaseUrl + "/")),
        new("short body", s => Get(s.Fault("short", DiffFaults.ShortBody).BaseUrl + "/", expect: 18)),
        new("close before any byte", s => Get(s.Fault("nothing", DiffFaults.CloseBeforeAnyByte).BaseUrl + "/", expect: 52)),
        new("reset mid-body", s => Get(s.Fault("reset", DiffFaults.ResetMidBody).BaseUrl + "/", expect: 56)),
        new("stall with TimeoutMs=500", s => Get(s.Fault("stall", DiffFaults.Stall).BaseUrl + "/", e => e.TimeoutMs = 500, expect: 28)),
        new("stall mid-body with TimeoutMs=1500", s => Get(s.Fault("stallbody", DiffFaults.StallMidBody).BaseUrl + "/", e => e.TimeoutMs = 1500, expect: 28)),
        new("HTTP/1.0 response closed by the server", s => Get(s.Fault("http10", DiffFaults.Raw(
            "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil close\n")).BaseUrl + "/", expect: 0)),
        new("body longer than Content-Length", s => new DiffScenario
        {
            Setup = e => e.Url = s.Fault("excess", DiffFaults.Raw("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef")).BaseUrl + "/",
            Performs = 2,
            ExpectCode = 0,
        }),
        new("bad chunk size", s => Get(s.Fault("badchunk", DiffFaults.Raw(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nxx\r\n0\r\n\r\n")).BaseUrl + "/", expect: 56)),
        new("103 Early Hints before the response", s => Get(s.Fault("earlyhints", DiffFaults.Raw(
            "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).BaseUrl + "/", expect: 0)),
        new("HTTP/1.1 response without length, ended by close", s => Get(s.Fault("nolength", DiffFaults.Raw(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nread until close\n")).BaseUrl + "/", expect: 0)),
        new("Connection: close response", s => new DiffScenario
        {
            Setup = e => e.Url = s.Fault("connclose", DiffFaults.Raw(
                "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc")).BaseUrl + "/",
            Performs = 2,
            ExpectCode = 0,
        }),
    ];

    // ---- callbacks that stop the transfer -------------------------------------------------------------------------
    public static readonly DiffCase[] Aborts =
    [
        new("write callback short write", s => Get(s.BaseUrl + "/bytes/1000", e => e.WriteAnswer = (length, _) => length - 1, expect: 23)),
        new("xferinfo abort", s => Get(s.BaseUrl + "/bytes/1000", e => e.Progress = (_, _, _, _) => 1, expect: 42)),
        new("xferinfo abort once data arrived", s => Get(s.BaseUrl + "/bytes/1000", e => e.Progress = (_, now, _, _) => now > 0 ? 1 : 0, expect: 42)),
        new("read callback abort", s => Get(s.BaseUrl + "/echo", e =>
        {
            e.Upload = true;
            e.InFileSize = 100;
            e.Reader = _ => IDiffEasy.ReadAbort;
        }, expect: 42)),
        new("ALREADY_CONNECTED with a socket the test connected", s => new DiffScenario
        {
            Setup = e => e.Url = s.BaseUrl + "/hello",
            Policy = new SocketPolicy { ConnectInOpen = true, SockOpt = _ => 2 },
            // libcurl 7.88.0/7.88.1 call connect() even after CURL_SOCKOPT_ALREADY_CONNECTED (curl issue #10626, fixed
            // in 8.0.0 by PR #10648); on Linux that connect() fails with EISCONN and the transfer fails with 7.
            // Curlew implements the documented (fixed) behaviour, so this difference is libcurl's bug, stated here.
            Known = LibCurlAlreadyConnectedBug,
        }),
    ];

    /// <summary>libcurl 7.88.1 reports the pre-rewrite port as PRIMARY_PORT; Curlew the rewritten one. All else must match.</summary>
    public static KnownDifference LibCurlReportsPreRewritePort(int urlPort, int rewrittenPort) => new(
        $"libcurl 7.88.1 reports PrimaryPort {urlPort} (the URL's) after the open callback moved the connection to {rewrittenPort}; Curlew reports {rewrittenPort} (API.md rule 2)",
        lib => lib with { Performs = [.. lib.Performs.Select(p => p with { PrimaryPort = rewrittenPort })] },
        cur => cur,
        (lib, cur) =>
        {
            if (lib.Performs.Count != 1 || lib.Performs[0].PrimaryPort != urlPort)
                return $"libcurl reported PrimaryPort {lib.Performs.FirstOrDefault()?.PrimaryPort}, not the URL's {urlPort} (fixed libcurl? drop this known difference)";
            if (cur.Performs.Count != 1 || cur.Performs[0].PrimaryPort != rewrittenPort)
                return $"Curlew reported PrimaryPort {cur.Performs.FirstOrDefault()?.PrimaryPort}, expected the rewritten {rewrittenPort}";
            return null;
        });

    /// <summary>The explicit expected difference for curl issue #10626 on libcurl 7.88.x; see the case comment.</summary>
    public static readonly KnownDifference LibCurlAlreadyConnectedBug = new(
        "libcurl 7.88.1 bug #10626: ALREADY_CONNECTED still calls connect() (EISCONN) and fails with 7; Curlew uses the socket (0)",
        lib => lib with { Performs = [], Events = [] },
        cur => cur with { Performs = [], Events = [] },
        (lib, cur) =>
        {
            var problems = new List<string>();
            if (lib.Code != 7) problems.Add($"libcurl returned {lib.Code}, not the buggy 7 (is the system libcurl fixed? then drop this known difference)");
            if (cur.Code != 0) problems.Add($"Curlew returned {cur.Code} ({cur.Performs[^1].ErrorMessage}), expected 0");
            if (cur.Performs.Count == 1 && Encoding.ASCII.GetString(cur.Performs[0].Body) != "hello world\n") problems.Add("Curlew body was not 'hello world'");
            if (cur.Performs.Count == 1 && cur.Performs[0].NumConnects != 1) problems.Add($"Curlew NumConnects {cur.Performs[0].NumConnects}, expected 1");
            var curKeys = cur.Events.Select(e => e.Kind).ToList();
            SockEventKind[] want = [SockEventKind.Open, SockEventKind.SockOpt, SockEventKind.Mark, SockEventKind.Mark, SockEventKind.Close];
            if (!curKeys.SequenceEqual(want)) problems.Add($"Curlew callback kinds [{string.Join(",", curKeys)}], expected [{string.Join(",", want)}]");
            // libcurl's side of the bug: the same open and sockopt, then the failed connect closes the socket.
            var libKinds = lib.Events.Where(e => e.Kind != SockEventKind.Mark).Select(e => e.Kind).ToList();
            SockEventKind[] libWant = [SockEventKind.Open, SockEventKind.SockOpt, SockEventKind.Close];
            if (!libKinds.SequenceEqual(libWant)) problems.Add($"libcurl callback kinds [{string.Join(",", libKinds)}], expected [{string.Join(",", libWant)}]");
            return problems.Count == 0 ? null : string.Join("; ", problems);
        });

    public static IEnumerable<DiffCase> All => [.. SocketCallbacks, .. Reuse, .. Http, .. Faults, .. Aborts, .. FtpDiffCases.Cases, .. ProxyDiffCases.Cases];

    /// <summary>Two theory rows per case, one per Curlew I/O path: "plain GET [sync]", "plain GET [async]".</summary>
    public static TheoryData<string> Names(DiffCase[] group)
    {
        var data = new TheoryData<string>();
        foreach (var c in group)
            foreach (var mode in CurlewModes.All)
                data.Add(CurlewModes.Row(c.Name, mode));
        return data;
    }

    /// <summary>The case named <paramref name="name"/> (a row name's mode suffix is ignored).</summary>
    public static DiffCase Find(string name)
    {
        var bare = CurlewModes.Parse(name).Name;
        return All.FirstOrDefault(c => c.Name == bare) ?? throw new ArgumentException($"no differential case named '{name}'");
    }
}
