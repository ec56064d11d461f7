using System.Text;
using System.Text.RegularExpressions;
using Curlew.Tests.Differential.Scripted;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential.Auth;

/// <summary>
/// HttpAuth against libcurl 7.88.1: each <see cref="AuthCase"/> runs through libcurl (P/Invoke) and Curlew against the
/// scripted server, and the code, response code, body, redirect count and every request the server saw (request
/// line, connection, Content-Length, body size, Authorization) must be identical. Digest answers are compared
/// parameter by parameter with cnonce and response masked (both are random), and each response hash is checked on
/// the server's side against the credentials the client was given, for both engines.
/// </summary>
public partial class AuthDiffTests(ITestOutputHelper output)
{
    public static IEnumerable<object[]> Compared() =>
        AuthCases.Cases.Where(c => !AuthCases.KnownDifferences.ContainsKey(c.Name)).Select(c => new object[] { c.Name });

    [Theory, MemberData(nameof(Compared))]
    public async Task Curlew_authenticates_exactly_as_libcurl_does(string name)
    {
        var c = AuthCases.Cases.Single(x => x.Name == name);
        string baseUrl = "";
        await using var server = new ScriptedServer(req => AuthServerScript.Answer(c, req, baseUrl).FixPortIn(baseUrl));
        baseUrl = $"http://127.0.0.1:{server.Port}";
        var options = c.Options(baseUrl);

        var lib = ScriptedEngines.RunLibCurl(options, c.Read, c.Performs);
        var libRequests = await server.TakeRequestsAsync();
        var mine = ScriptedEngines.RunCurlew(options, c.Read, c.Performs);
        var myRequests = await server.TakeRequestsAsync();

        string expected = Summary(c, lib, libRequests), actual = Summary(c, mine, myRequests);
        output.WriteLine($"libcurl:\n{expected}\ncurlew:\n{actual}\ncurlew error: {mine.Error}");
        Assert.True(expected == actual, $"{name}: Curlew differs from libcurl 7.88.1\n--- libcurl\n{expected}\n--- curlew\n{actual}");
        Assert.DoesNotContain("digest-MISCOMPUTED", actual);
    }

    /// <summary>Runs a case through Curlew alone and describes it as the comparison does (for the known differences).</summary>
    public static async Task<(string Summary, string? Error)> RunCurlewAsync(string name)
    {
        var c = AuthCases.Cases.Single(x => x.Name == name);
        string baseUrl = "";
        await using var server = new ScriptedServer(req => AuthServerScript.Answer(c, req, baseUrl).FixPortIn(baseUrl));
        baseUrl = $"http://127.0.0.1:{server.Port}";
        var mine = ScriptedEngines.RunCurlew(c.Options(baseUrl), c.Read, c.Performs);
        return (Summary(c, mine, await server.TakeRequestsAsync()), mine.Error);
    }

    [Fact]
    public void Every_known_difference_names_a_real_case_and_case_names_are_unique()
    {
        var names = AuthCases.Cases.Select(x => x.Name).ToHashSet();
        Assert.DoesNotContain(AuthCases.KnownDifferences.Keys, k => !names.Contains(k));
        Assert.Equal(AuthCases.Cases.Count, names.Count);
    }

    private static string Summary(AuthCase c, ScriptedResult result, List<ScriptedRequest> requests)
    {
        var text = new StringBuilder();
        text.AppendLine($"  code={result.Code} response={result.Info[nameof(CurlInfo.ResponseCode)]} redirects={result.Info[nameof(CurlInfo.RedirectCount)]} " +
                        $"body={ScriptedResult.Esc(result.Body)} requests={requests.Count}");
        int first = requests.Count > 0 ? requests.Min(x => x.Conn) : 0;
        foreach (var r in requests)
        {
            var authorization = ScriptedServer.HeaderValue(r.Head, "Authorization");
            var length = ScriptedServer.HeaderValue(r.Head, "Content-Length") ?? "-";
            text.AppendLine($"  [{r.Conn - first}.{r.Index}] {r.RequestLine} cl={length} body={r.Body.Length} auth={Describe(c, r, authorization)}");
        }
        return text.ToString();
    }

    // Digest: every parameter but the random cnonce and the response, then whether the response is right for the
    // credentials this client holds; Basic: the decoded pair.
    private static string Describe(AuthCase c, ScriptedRequest request, string? authorization)
    {
        if (authorization is null) return "none";
        if (authorization.StartsWith("Basic ", StringComparison.Ordinal)) return "Basic " + AuthServerScript.DecodeBasic(authorization);
        if (!authorization.StartsWith("Digest ", StringComparison.Ordinal)) return authorization;
        string masked = Cnonce().Replace(Response().Replace(authorization, "response=*"), "cnonce=*");
        bool correct = DigestVerifier.IsCorrect(authorization[7..], request.Method, c.User, c.Password);
        return masked + (correct ? " digest-correct" : " digest-MISCOMPUTED");
    }

    [GeneratedRegex("""response="[^"]*"|response=[^,\s]*""")]
    private static partial Regex Response();

    [GeneratedRegex("""cnonce="[^"]*"|cnonce=[^,\s]*""")]
    private static partial Regex Cnonce();
}

static class AuthReplyPorts
{
    public static ScriptedReply FixPortIn(this ScriptedReply reply, string baseUrl)
    {
        var port = baseUrl.Split(':').Last();
        return reply with { Bytes = Encoding.Latin1.GetBytes(Encoding.Latin1.GetString(reply.Bytes).Replace("{P}", port)) };
    }
}
