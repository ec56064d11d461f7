using System.Text.RegularExpressions;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Curlew.Tests.Differential;

/// <summary>
/// How an FTP control connection ends, on libcurl 7.88.1 and on Curlew against the same vsftpd, whose protocol log
/// shows every command in order: QUIT (and the wait for its 221) on every connection closed while in step (at
/// cleanup, when MaxConnects evicts it, with ForbidReuse, after a refused file), none after a failed login or on top
/// of a Range abort's ABOR/QUIT; Reset keeps the connection. Codes, bodies, header lines and ResponseCode must match
/// too, and Curlew's close callback must see every socket exactly once.
/// </summary>
[Collection("vsftpd")]
public sealed partial class FtpQuitDiffTests(VsftpdFixture fixture, ITestOutputHelper output)
{
    private VsftpdServer Server => fixture.Server;

    public static TheoryData<string> Names => new()
    {
        "one RETR, then cleanup", "MaxConnects 1: a second host evicts the first", "ForbidReuse", "missing file, then cleanup",
        "refused login", "Range cut short (ABOR, QUIT)", "Reset keeps the connection",
    };

    private SessionStep[] Steps(string name)
    {
        string hello = Server.BaseUrl + "/hello.txt";
        (CurlOption, object?) url = (CurlOption.Url, hello);
        return name switch
        {
            "one RETR, then cleanup" => [new([url])],
            "MaxConnects 1: a second host evicts the first" =>
            [
                new([url, (CurlOption.MaxConnects, 1L)]),
                new([(CurlOption.Url, $"ftp://localhost:{Server.Port}/hello.txt"), (CurlOption.Resolve, new[] { $"localhost:{Server.Port}:127.0.0.1" })]),
            ],
            "ForbidReuse" => [new([url, (CurlOption.ForbidReuse, 1L)])],
            "missing file, then cleanup" => [new([(CurlOption.Url, Server.BaseUrl + "/nope.txt")])],
            "refused login" => [new([url, (CurlOption.UserPwd, "bob:secret")])],
            "Range cut short (ABOR, QUIT)" => [new([url, (CurlOption.Range, "0-3")])],   // a small file: always complete (226) before ABOR
            "Reset keeps the connection" => [new([url]), new([url], ResetFirst: true)],
            _ => throw new ArgumentException(name),
        };
    }

    [GeneratedRegex(@"\(\|\|\|\d+\|\)")]
    private static partial Regex PassivePort();

    // vsftpd offers a new passive port each time: the number is the one part of a reply that may differ.
    private static string[] Replies(List<string> headers) => [.. headers.Select(h => PassivePort().Replace(h, "(|||port|)"))];

    [Theory]
    [MemberData(nameof(Names))]
    public void Curlew_ends_the_control_connection_as_libcurl_does(string name)
    {
        var steps = Steps(name);
        long mark = Server.LogMark();
        var lib = FtpSessionRun.LibCurl(steps);
        var libCommands = Server.SettledCommandsSince(mark);
        mark = Server.LogMark();
        var ledger = new CallbackLedger();
        var mine = FtpSessionRun.Curlew(steps, ledger);
        var myCommands = Server.SettledCommandsSince(mark);
        output.WriteLine($"libcurl: {lib}\n  server saw: {string.Join(", ", libCommands)}\ncurlew: {mine}\n  server saw: {string.Join(", ", myCommands)}");
        Assert.Equal(lib.Codes, mine.Codes);
        Assert.True(lib.Body.AsSpan().SequenceEqual(mine.Body), $"{name}: bodies differ");
        Assert.Equal(Replies(lib.Headers), Replies(mine.Headers));
        Assert.Equal(lib.ResponseCode, mine.ResponseCode);
        Assert.Equal(libCommands, myCommands);
        ledger.AssertBalanced();
    }

    [Fact]
    public void Disposing_the_handle_says_QUIT_and_waits_for_the_221_before_the_close_callback()
    {
        long mark = Server.LogMark();
        var ledger = new CallbackLedger();
        var mine = FtpSessionRun.Curlew([new([(CurlOption.Url, Server.BaseUrl + "/hello.txt")])], ledger);
        Assert.Equal([0], mine.Codes);
        Assert.Equal("QUIT", Server.CommandsSince(mark)[^1]);
        ledger.AssertBalanced();
        Assert.Equal(2, ledger.Closes.Count);   // control and data, each once
    }
}
