using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>Downloads and listings from a real vsftpd, passive mode (the default), with the socket ledger balanced.</summary>
[Collection("vsftpd")]
public sealed class FtpDownloadTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    [Fact]
    public async Task A_file_downloads_anonymously_over_EPSV()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Equal(226L, t.Easy.GetInfo(CurlInfo.ResponseCode));
        Assert.Contains(t.Capture.HeaderLines, l => l.StartsWith("229 ", StringComparison.Ordinal));
        t.Finish();
    }

    [Fact]
    public async Task A_file_in_a_directory_is_reached_with_one_CWD_per_directory()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/a.txt");
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.PubText, t.Capture.Text);
        Assert.Contains("CWD pub", sent.Text);
        t.Finish();
    }

    [Theory]
    [InlineData(2L, "CWD pub")]
    [InlineData(3L, "CWD pub")]
    public async Task FtpFileMethod_nocwd_and_singlecwd_change_directory_as_libcurl(long method, string cwd)
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/a.txt");
        t.Easy.SetOpt(CurlOption.FtpFileMethod, method);
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.PubText, t.Capture.Text);
        if (method == 2) Assert.Contains("RETR pub/a.txt", sent.Text);
        else Assert.Contains(cwd, sent.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_1_MiB_file_arrives_byte_for_byte()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/big.bin");
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(VsftpdServer.BigSize), t.Capture.Body);
        Assert.Equal((long)VsftpdServer.BigSize, t.Easy.GetInfo(CurlInfo.SizeDownloadT));
        t.Finish();
    }

    [Fact]
    public async Task PASV_is_used_when_FtpUseEpsv_is_off()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.FtpUseEpsv = false;
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Contains("PASV", sent.Text);
        Assert.DoesNotContain("EPSV", sent.Text);
        t.Finish();
    }

    [Fact]
    public async Task A_URL_ending_in_a_slash_lists_the_directory_with_LIST()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/");
        await t.PerformOk();
        Assert.Contains("a.txt", t.Capture.Text);
        Assert.Contains("-rw-r--r--", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task DirListOnly_lists_names_only_with_NLST()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/");
        t.Easy.SetOpt(CurlOption.DirListOnly, true);
        await t.PerformOk();
        Assert.Equal("a.txt\n", t.Capture.Text);   // ASCII mode: CRLF delivered as LF, as libcurl does
        t.Finish();
    }

    [Fact]
    public async Task A_missing_file_is_RemoteFileNotFound()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/nope.txt");
        await t.PerformExpecting(CurlCode.RemoteFileNotFound);
        t.Finish();
    }

    [Fact]
    public async Task A_missing_directory_is_RemoteAccessDenied()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/nodir/a.txt");
        await t.PerformExpecting(CurlCode.RemoteAccessDenied);
        Assert.Equal("Server denied you to change to the given directory", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task A_named_user_on_an_anonymous_only_server_is_LoginDenied()
    {
        using var t = new TestTransfer($"ftp://bob:secret@127.0.0.1:{Server.Port}/hello.txt");
        await t.PerformExpecting(CurlCode.LoginDenied);
        Assert.StartsWith("Access denied: 530", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task Type_a_in_the_URL_downloads_in_ASCII_mode_without_SIZE()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt;type=a");
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.Contains("TYPE A", sent.Text);
        Assert.DoesNotContain("SIZE hello.txt", sent.Text);
        t.Finish();
    }

    [Fact]
    public async Task Range_downloads_only_the_bytes_asked_for()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/big.bin");
        t.Easy.SetOpt(CurlOption.Range, "1000-1999");
        await t.PerformOk();
        Assert.Equal(KestrelTestServer.Pattern(1000, 1000), t.Capture.Body);
        t.Finish();
    }

    [Fact]
    public async Task ResumeFrom_restarts_the_download_with_REST()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.ResumeFrom, 6L);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText[6..], t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task ResumeFrom_beyond_the_end_is_BadDownloadResume()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.ResumeFrom, 1000L);
        await t.PerformExpecting(CurlCode.BadDownloadResume);
        t.Finish();
    }

    [Fact]
    public async Task NoBody_with_Filetime_reports_size_and_time_as_header_lines()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.NoBody, true);
        t.Easy.Filetime = true;
        await t.PerformOk();
        Assert.Contains($"Content-Length: {VsftpdServer.HelloText.Length}\r\n", t.Capture.Text);
        Assert.Contains("Last-Modified: ", t.Capture.Text);
        Assert.Contains("Accept-ranges: bytes\r\n", t.Capture.Text);
        t.Finish();
    }

    [Fact]
    public async Task Filetime_asks_MDTM_and_reports_the_time_as_CURLINFO_FILETIME()
    {
        var stamp = new DateTimeOffset(2020, 2, 29, 12, 34, 56, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(Path.Combine(Server.Root, "pub", "a.txt"), stamp.UtcDateTime);
        using var t = new TestTransfer(Server.BaseUrl + "/pub/a.txt");
        t.Easy.Filetime = true;
        await t.PerformOk();
        Assert.Equal(VsftpdServer.PubText, t.Capture.Text);
        Assert.Equal(stamp.ToUnixTimeSeconds(), t.Easy.GetInfoLong(CurlInfo.Filetime));
        t.Finish();
    }

    [Fact]
    public async Task Without_Filetime_CURLINFO_FILETIME_is_minus_one()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        await t.PerformOk();
        Assert.Equal(-1, t.Easy.GetInfoLong(CurlInfo.Filetime));
        t.Finish();
    }

    [Fact]
    public async Task Quote_commands_run_before_and_PostQuote_after_the_transfer()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.Quote, new[] { "NOOP" });
        t.Easy.SetOpt(CurlOption.PostQuote, new[] { "SYST" });
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.True(sent.Text.IndexOf("NOOP", StringComparison.Ordinal) < sent.Text.IndexOf("RETR", StringComparison.Ordinal), sent.Text);
        Assert.True(sent.Text.IndexOf("SYST", StringComparison.Ordinal) > sent.Text.IndexOf("RETR", StringComparison.Ordinal), sent.Text);
        Assert.Equal(215L, t.Easy.GetInfo(CurlInfo.ResponseCode));
        t.Finish();
    }

    [Fact]
    public async Task A_failing_quote_command_is_QuoteError_and_a_starred_one_may_fail()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.Quote, new[] { "*BOGUS1", "BOGUS2" });
        await t.PerformExpecting(CurlCode.QuoteError);
        Assert.Equal("QUOT command failed with 500", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task A_quote_command_with_a_line_break_is_refused_before_it_is_sent()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/hello.txt");
        t.Easy.SetOpt(CurlOption.Quote, new[] { "NOOP\r\nDELE hello.txt" });
        await t.PerformExpecting(CurlCode.QuoteError);
        Assert.True(File.Exists(Path.Combine(Server.Root, "hello.txt")));
        t.Finish();
    }

    [Fact]
    public async Task A_second_transfer_on_the_handle_reuses_the_logged_in_control_connection()
    {
        using var t = new TestTransfer(Server.BaseUrl + "/pub/a.txt");
        await t.PerformOk();
        t.Easy.Url = Server.BaseUrl + "/hello.txt";
        t.Capture.Clear();
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Equal(VsftpdServer.HelloText, t.Capture.Text);
        Assert.DoesNotContain("USER", sent.Text);
        Assert.Contains("CWD /", sent.Text);
        Assert.Single(t.Ledger.Opens, o => o.Port == Server.Port);
        t.Finish();
    }

}
