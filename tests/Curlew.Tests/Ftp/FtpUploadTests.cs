using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Ftp;

/// <summary>Uploads to vsftpd's anonymous upload directory: STOR, APPE, resumed uploads, missing directories.</summary>
[Collection("vsftpd")]
public sealed class FtpUploadTests(VsftpdFixture fixture)
{
    private VsftpdServer Server => fixture.Server;

    private TestTransfer Upload(string path, byte[] payload)
    {
        var t = new TestTransfer($"{Server.BaseUrl}/upload/{path}");
        t.Easy.SetOpt(CurlOption.Upload, true);
        t.Easy.SetOpt(CurlOption.ReadData, new MemoryStream(payload));
        return t;
    }

    // A file the anonymous user (ftp) may append to: the test host writes it as another user.
    private async Task Existing(string name, string content)
    {
        var path = Path.Combine(Server.UploadDir, name);
        await File.WriteAllTextAsync(path, content);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite);
    }

    private static string Unique(string stem) => $"{stem}-{Guid.NewGuid():N}.bin";

    [Fact]
    public async Task Upload_stores_the_file_with_STOR()
    {
        var name = Unique("stor");
        var payload = KestrelTestServer.Pattern(300_000);
        using var t = Upload(name, payload);
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Contains($"STOR {name}", sent.Text);
        Assert.Equal(payload, await File.ReadAllBytesAsync(Path.Combine(Server.UploadDir, name)));
        Assert.Equal(300_000L, t.Easy.GetInfo(CurlInfo.SizeUploadT));
        t.Finish();
    }

    [Fact]
    public async Task Append_adds_to_the_file_with_APPE()
    {
        var name = Unique("appe");
        await Existing(name, "first ");
        using var t = Upload(name, "second"u8.ToArray());
        t.Easy.SetOpt(CurlOption.Append, true);
        await t.PerformOk();
        Assert.Equal("first second", await File.ReadAllTextAsync(Path.Combine(Server.UploadDir, name)));
        t.Finish();
    }

    [Fact]
    public async Task ResumeFrom_minus_one_asks_SIZE_and_sends_only_the_rest()
    {
        var name = Unique("resume");
        await Existing(name, "0123");
        using var t = Upload(name, "0123456789"u8.ToArray());
        t.Easy.SetOpt(CurlOption.ResumeFrom, -1L);
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.Contains($"SIZE {name}", sent.Text);
        Assert.Contains($"APPE {name}", sent.Text);
        Assert.Equal("0123456789", await File.ReadAllTextAsync(Path.Combine(Server.UploadDir, name)));
        t.Finish();
    }

    [Fact]
    public async Task FtpCreateMissingDirs_makes_the_directories_with_MKD()
    {
        var dir = $"d{Guid.NewGuid():N}";
        using var t = Upload($"{dir}/inner/file.txt", "made"u8.ToArray());
        t.Easy.SetOpt(CurlOption.FtpCreateMissingDirs, 1L);
        await t.PerformOk();
        Assert.Equal("made", await File.ReadAllTextAsync(Path.Combine(Server.UploadDir, dir, "inner", "file.txt")));
        t.Finish();
    }

    [Fact]
    public async Task Without_FtpCreateMissingDirs_a_missing_directory_is_RemoteAccessDenied()
    {
        using var t = Upload($"d{Guid.NewGuid():N}/file.txt", "x"u8.ToArray());
        await t.PerformExpecting(CurlCode.RemoteAccessDenied);
        t.Finish();
    }

    [Fact]
    public async Task A_refused_STOR_is_UploadFailed()
    {
        using var t = new TestTransfer($"{Server.BaseUrl}/pub/not-writable.txt");
        t.Easy.SetOpt(CurlOption.Upload, true);
        t.Easy.SetOpt(CurlOption.ReadData, new MemoryStream("x"u8.ToArray()));
        await t.PerformExpecting(CurlCode.UploadFailed);
        Assert.StartsWith("Failed FTP upload: 553", t.Easy.ErrorMessage);
        t.Finish();
    }

    [Fact]
    public async Task PreQuote_runs_just_before_STOR_and_PostQuote_can_delete_the_upload()
    {
        var name = Unique("quoted");
        using var t = Upload(name, "bye"u8.ToArray());
        t.Easy.SetOpt(CurlOption.PreQuote, new[] { "NOOP" });
        t.Easy.SetOpt(CurlOption.PostQuote, new[] { $"DELE {name}" });
        var sent = FtpCommandLog.Install(t.Easy);
        await t.PerformOk();
        Assert.True(sent.Text.IndexOf("NOOP", StringComparison.Ordinal) < sent.Text.IndexOf("STOR", StringComparison.Ordinal), sent.Text);
        Assert.False(File.Exists(Path.Combine(Server.UploadDir, name)));
        t.Finish();
    }
}
