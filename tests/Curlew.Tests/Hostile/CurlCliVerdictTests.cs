using System.Diagnostics;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Hostile;

/// <summary>
/// Differential truth for hostile replies: the system <c>curl</c> binary and Curlew fetch the same raw reply from the
/// same socket server; curl's exit code and Curlew's <see cref="CurlCode"/> must agree, and so must the body bytes.
/// </summary>
public class CurlCliVerdictTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Replies => new()
    {
        { "malformed version", "HTTP/1.1 abc\r\n\r\n" },
        { "two-digit status", "HTTP/1.1 20 Short\r\n\r\n" },
        { "no space before status", "HTTP/1.1200 OK\r\n\r\n" },
        { "four-digit status", "HTTP/1.1 2000 OK\r\n\r\n" },
        { "status below 100", "HTTP/1.1 099 X\r\n\r\n" },
        { "blank line first", "\r\nHTTP/1.1 200 OK\r\n\r\n" },
        { "status line shorter than HTTP/", "HTTP\r\n\r\n" },
        { "two-letter status line", "HT\r\n\r\n" },
        { "status line split inside HTTP/", "HT\nP/1.1 204 No Content\n\n" },
        { "HTTP/9.9", "HTTP/9.9 200 OK\r\n\r\n" },
        { "HTTP/2 on a plain connection", "HTTP/2 200\r\nContent-Length: 2\r\n\r\nok" },
        { "status without reason", "HTTP/1.1 200\r\nContent-Length: 5\r\n\r\nhello" },
        { "garbage", "garbage\r\n\r\n" },
        { "non-numeric Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\nhello" },
        { "negative Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\nhello" },
        { "Content-Length with junk after the number", "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello" },
        { "two Content-Lengths, the last one wins", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello" },
        { "overflowing Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\nhello" },
        { "16-digit chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0000000000000005\r\nhello\r\n0\r\n\r\n" },
        { "bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n" },
        { "chunked cut short", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel" },
        { "header without colon", "HTTP/1.1 200 OK\r\nHeaderNoColon\r\nContent-Length: 2\r\n\r\nok" },
        { "folded header", "HTTP/1.1 200 OK\r\n folded\r\nContent-Length: 2\r\n\r\nok" },
        { "body shorter than Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort" },
        { "body longer than Content-Length", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcdef" },
        { "close-delimited body", "HTTP/1.1 200 OK\r\n\r\nuntil close" },
        { "HTTP/1.0 close-delimited body", "HTTP/1.0 200 OK\r\n\r\nold style" },
        { "nothing at all", "" },
        { "bare line feeds", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok" },
        { "404", "HTTP/1.1 404 Not Found\r\nContent-Length: 4\r\n\r\nnope" },
        { "204 with a body-less reply", "HTTP/1.1 204 No Content\r\n\r\n" },
        { "100 then 200", "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" },
        { "non-numeric version taken as HTTP/1.0 200", "HTTP/x 404\r\nContent-Length: 2\r\n\r\nok" },
        { "version with a space inside", "HTTP/ 200\r\nContent-Length: 2\r\n\r\nok" },
        { "HTTP/2 with a four-digit code", "HTTP/2 2000\r\nContent-Length: 2\r\n\r\nok" },
        { "HTTP/3.0", "HTTP/3.0 200\r\nContent-Length: 2\r\n\r\nok" },
        { "tab between version and code", "HTTP/1.1\t200 OK\r\nContent-Length: 2\r\n\r\nok" },
        { "NUL in the status line", "HTTP/1.1 200 O\0K\r\nContent-Length: 2\r\n\r\nok" },
        { "close inside the status line", "HTTP/1.1 200 OK" },
        { "close inside a header line", "HTTP/1.1 200 OK\r\nX-A: b" },
        { "close after a 100 Continue", "HTTP/1.1 100 Continue\r\n\r\n" },
        { "line without colon after a header", "HTTP/1.1 200 OK\r\nX-A: a\r\nNoColon\r\nContent-Length: 2\r\n\r\nok" },
        { "two folded lines", "HTTP/1.1 200 OK\r\nX-A: a\r\n b\r\n\tc\r\nContent-Length: 2\r\n\r\nok" },
        { "Content-Length before Transfer-Encoding identity", "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: identity\r\n\r\nhello" },
        { "six transfer codings", "HTTP/1.1 200 OK\r\nTransfer-Encoding: a,b,c,d,e,f\r\n\r\nhello" },
        { "unknown transfer coding, empty body", "HTTP/1.1 200 OK\r\nTransfer-Encoding: foo\r\n\r\n" },
    };

    [Theory]
    [MemberData(nameof(Replies))]
    public async Task Curlew_and_the_curl_binary_agree_on_a_hostile_reply(string name, string reply)
    {
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            if (reply.Length > 0) await FaultScripts.SendAsync(socket, reply, ct);
            socket.Shutdown(System.Net.Sockets.SocketShutdown.Send);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        var url = server.BaseUrl + "/";

        var (curlExit, curlBody) = await RunCurlAsync(url);

        var body = new MemoryStream();
        using var easy = new CurlEasy { Url = url, TimeoutMs = 10_000, WriteFunction = (d, _) => { body.Write(d); return d.Length; } };
        var code = await easy.PerformGuarded();

        output.WriteLine($"{name}: curl exit {curlExit} ({curlBody.Length} bytes), Curlew {(int)code} {code} ({body.Length} bytes) {easy.ErrorMessage}");
        Assert.True((int)code == curlExit, $"{name}: curl exited {curlExit}, Curlew returned {(int)code} ({code}: {easy.ErrorMessage})");
        Assert.Equal(Encoding.Latin1.GetString(curlBody), Encoding.Latin1.GetString(body.ToArray()));
    }

    private static async Task<(int Exit, byte[] Body)> RunCurlAsync(string url)
    {
        var start = new ProcessStartInfo("curl", ["-s", "--max-time", "10", url])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var curl = Process.Start(start) ?? throw new InvalidOperationException("the curl binary could not be started: run scripts/test.sh (it installs curl)");
        var body = new MemoryStream();
        await curl.StandardOutput.BaseStream.CopyToAsync(body);
        await curl.WaitForExitAsync();
        return (curl.ExitCode, body.ToArray());
    }
}
