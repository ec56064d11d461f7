using System.Text;
using Xunit;

namespace Curlew.Tests.Differential.Scripted;

/// <summary>
/// The scripted cases left out of the libcurl comparison (<see cref="ScriptedCases.KnownDifferences"/>) still have an
/// answer: Curlew's deliberate one. Each test runs the very case that is excluded, through Curlew alone, and pins the
/// code, the body and every request the server saw.
/// </summary>
public sealed class KnownDifferenceTests
{
    private const string FragmentOnly = "Location fragment only";
    private const string ReadShort = "read short (infilesize 10, gives 3)";
    private const string ReadLong = "read long (infilesize 3, gives 10)";
    private const string ReadPause = "read returns PAUSE";
    private const string EarlyAnswer = "early 200 before continue";
    private const string ResumePost = "resume 200 POST";

    private static readonly string[] Pinned = [FragmentOnly, ReadShort, ReadLong, ReadPause, EarlyAnswer, ResumePost];

    [Fact]
    public void Every_known_difference_has_a_test_of_Curlews_own_answer()
    {
        var unpinned = ScriptedCases.KnownDifferences.Keys.Except(Pinned).ToList();
        var stale = Pinned.Except(ScriptedCases.KnownDifferences.Keys).ToList();
        Assert.True(unpinned.Count == 0, "known differences without a test of Curlew's answer: " + string.Join(", ", unpinned));
        Assert.True(stale.Count == 0, "tests pin cases that are no longer known differences: " + string.Join(", ", stale));
    }

    [Fact]
    public async Task A_fragment_only_Location_resolves_to_the_same_path()
    {
        // The case's server answers every request with "302, Location: #frag"; MaxRedirs is 2.
        var run = await ScriptedCases.RunCurlewAsync(FragmentOnly);

        AssertCode(CurlCode.TooManyRedirects, run);
        AssertRequests(run, "GET /start HTTP/1.1", "GET /start HTTP/1.1", "GET /start HTTP/1.1");
        Assert.True(run.BaseUrl + "/start#frag" == (string?)run.Info(CurlInfo.RedirectUrl),
            $"the next URL should be the same path with the fragment, {run.BaseUrl}/start#frag\n{run.Description}");
        Assert.True(2L == Convert.ToInt64(run.Info(CurlInfo.RedirectCount)), $"two redirects should have been followed\n{run.Description}");
    }

    [Fact]
    public async Task A_read_callback_that_ends_before_InFileSize_fails_with_ReadError_after_sending_what_it_gave()
    {
        var run = await ScriptedCases.RunCurlewAsync(ReadShort);

        AssertCode(CurlCode.ReadError, run);
        AssertRequests(run, "PUT /up HTTP/1.1");
        AssertHeader(run, 0, "Content-Length", "10");
        AssertServerBody(run, 0, "abc");
        Assert.True(run.Result.Reads.SequenceEqual(["65536->3", "65536->0"]), $"the read callback should be asked twice (3 bytes, then the end)\n{run.Description}");
    }

    [Fact]
    public async Task A_read_callback_that_gives_more_than_InFileSize_fails_with_ReadError_and_sends_none_of_it()
    {
        var run = await ScriptedCases.RunCurlewAsync(ReadLong);

        AssertCode(CurlCode.ReadError, run);
        AssertRequests(run, "PUT /up HTTP/1.1");
        AssertHeader(run, 0, "Content-Length", "3");
        AssertServerBody(run, 0, "");
        Assert.True(0L == Convert.ToInt64(run.Info(CurlInfo.SizeUploadT)), $"no upload byte should be counted\n{run.Description}");
    }

    [Fact]
    public async Task A_read_callback_that_asks_to_pause_fails_the_upload_with_ReadError()
    {
        var run = await ScriptedCases.RunCurlewAsync(ReadPause);

        AssertCode(CurlCode.ReadError, run);
        AssertRequests(run, "PUT /up HTTP/1.1");
        AssertServerBody(run, 0, "");
        Assert.True(run.Result.Reads.SequenceEqual(["65536->268435457"]), $"the read callback should be asked once, and answer CURL_READFUNC_PAUSE\n{run.Description}");
    }

    [Fact]
    public async Task A_final_answer_before_100_Continue_closes_the_connection_so_the_next_transfer_opens_a_new_one()
    {
        // Two performs; the server answers each PUT with 200 at once, without a 100 and without reading the body.
        var run = await ScriptedCases.RunCurlewAsync(EarlyAnswer);

        AssertCode(CurlCode.Ok, run);
        AssertRequests(run, "PUT /up HTTP/1.1", "PUT /up HTTP/1.1");
        Assert.True(run.Requests[0].Conn != run.Requests[1].Conn,
            $"the second PUT should arrive on a new connection, not behind the first one's unsent body\n{run.Description}");
        AssertServerBody(run, 0, "");
        AssertServerBody(run, 1, "");
        Assert.True(Encoding.Latin1.GetString(run.Result.Body) == "okok", $"both transfers should deliver the early answer's body\n{run.Description}");
        Assert.True(1L == Convert.ToInt64(run.Info(CurlInfo.NumConnects)), $"the second transfer should have opened one connection\n{run.Description}");
    }

    [Fact]
    public async Task A_resumed_POST_skips_the_resume_offset_within_PostFields()
    {
        // PostFields "a=b", ResumeFromLarge 2: the body sent is what follows the first two bytes.
        var run = await ScriptedCases.RunCurlewAsync(ResumePost);

        AssertCode(CurlCode.Ok, run);
        AssertRequests(run, "POST / HTTP/1.1");
        AssertHeader(run, 0, "Content-Range", "bytes 2-2/3");
        AssertHeader(run, 0, "Content-Length", "1");
        AssertServerBody(run, 0, "b");
        Assert.True(Encoding.Latin1.GetString(run.Result.Body) == "hello", $"the response body should be delivered\n{run.Description}");
    }

    private static void AssertCode(CurlCode expected, ScriptedCurlewRun run) =>
        Assert.True((int)expected == run.Result.Code, $"expected {expected} ({(int)expected}), got {run.Result.Code}\n{run.Description}");

    private static void AssertRequests(ScriptedCurlewRun run, params string[] requestLines)
    {
        var seen = run.Requests.Select(r => r.RequestLine).ToArray();
        Assert.True(seen.SequenceEqual(requestLines),
            $"the server should have seen [{string.Join(" | ", requestLines)}], it saw [{string.Join(" | ", seen)}]\n{run.Description}");
    }

    private static void AssertHeader(ScriptedCurlewRun run, int request, string name, string value)
    {
        var seen = ScriptedServer.HeaderValue(run.Requests[request].Head, name);
        Assert.True(seen == value, $"request {request} should carry {name}: {value}, it had {seen ?? "no such header"}\n{run.Description}");
    }

    private static void AssertServerBody(ScriptedCurlewRun run, int request, string body)
    {
        var seen = Encoding.Latin1.GetString(run.Requests[request].Body);
        Assert.True(seen == body, $"the server should have received the body \"{body}\" with request {request}, it got \"{seen}\"\n{run.Description}");
    }
}
