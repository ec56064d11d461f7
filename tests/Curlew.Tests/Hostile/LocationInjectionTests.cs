using Curlew.Tests.Differential.Scripted;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>
/// A server's Location header is URL text Curlew did not check at set time: whatever it holds, the request that follows
/// it must not carry a line the server put there. A raw socket server captures every request head byte for byte.
/// </summary>
public class LocationInjectionTests
{
    [Theory]
    [InlineData("/next%0d%0aInjected:%20yes")]                     // encoded CR LF in the path: stays encoded on the request line
    [InlineData("/next?q=%0d%0aInjected:%20yes")]                  // ...and in the query
    [InlineData("http://evil%0d%0aInjected:%20yes:{port}/")]       // in the host: would land in the Host header
    [InlineData("http://127.0.0.1:{port}%0d%0aInjected:%20yes/")]  // after the port
    [InlineData("http://u%0d%0aInjected:%20yes@127.0.0.1:{port}/")] // in the user name: would land in Authorization
    [InlineData("/a\rInjected: yes")]                              // a bare CR inside the header value
    [InlineData("/a\r\n Injected: yes")]                           // a folded continuation line
    public async Task A_Location_with_CR_or_LF_cannot_inject_a_line_into_the_next_request(string location)
    {
        await using var server = new ScriptedServer(r => r.Target == "/start"
            ? ScriptedReply.Text($"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\n\r\n")
            : ScriptedReply.Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        location = location.Replace("{port}", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        using var easy = new CurlEasy
        {
            Url = $"http://127.0.0.1:{server.Port}/start",
            FollowLocation = true,
            WriteFunction = (d, _) => d.Length,
        };

        var code = await easy.PerformGuarded();

        var requests = await server.TakeRequestsAsync();
        Assert.NotEmpty(requests);
        foreach (var request in requests)
        {
            var lines = request.Head.Split("\r\n");
            Assert.Matches(@"^GET [\x21-\x7e]+ HTTP/1\.1$", lines[0]);
            Assert.DoesNotContain(lines, l => l.StartsWith("Injected", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain('\n', request.Head.Replace("\r\n", "", StringComparison.Ordinal));
            Assert.DoesNotContain('\r', request.Head.Replace("\r\n", "", StringComparison.Ordinal));
            Assert.Single(lines, l => l.StartsWith("Host:", StringComparison.OrdinalIgnoreCase));
        }
        Assert.True(code is CurlCode.Ok or CurlCode.UrlMalformat or CurlCode.WeirdServerReply,
            $"unexpected {code}: {easy.ErrorMessage}");
    }

    [Fact]
    public async Task A_percent_encoded_CR_LF_in_a_Location_path_is_followed_and_stays_encoded_on_the_request_line()
    {
        await using var server = new ScriptedServer(r => r.Target == "/start"
            ? ScriptedReply.Text("HTTP/1.1 302 Found\r\nLocation: /next%0d%0aInjected:%20yes\r\nContent-Length: 0\r\n\r\n")
            : ScriptedReply.Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        using var easy = new CurlEasy { Url = $"http://127.0.0.1:{server.Port}/start", FollowLocation = true, WriteFunction = (d, _) => d.Length };

        Run.AssertOk(await easy.PerformGuarded(), easy);

        var requests = await server.TakeRequestsAsync();
        Assert.Equal(2, requests.Count);
        Assert.Equal("GET /next%0d%0aInjected:%20yes HTTP/1.1", requests[1].RequestLine);
    }

    [Fact]
    public async Task Values_refused_at_set_time_never_reach_the_wire()
    {
        await using var server = new ScriptedServer(_ => ScriptedReply.Text("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        using var easy = new CurlEasy { Url = $"http://127.0.0.1:{server.Port}/", WriteFunction = (d, _) => d.Length };
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.UserAgent, "ua\r\nInjected: yes"));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.HttpHeader, new[] { "X-A: 1\r\nInjected: yes" }));

        Run.AssertOk(await easy.PerformGuarded(), easy);

        var request = Assert.Single(await server.TakeRequestsAsync());
        Assert.DoesNotContain("Injected", request.Head, StringComparison.Ordinal);
    }
}
