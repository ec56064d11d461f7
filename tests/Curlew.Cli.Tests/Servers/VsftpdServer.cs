using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Cli.Tests.Servers;

/// <summary>
/// Debian's vsftpd in the foreground with a config written into a fresh temp directory (the library tests' fixture,
/// cut down): 127.0.0.1 on a free port, anonymous login only (any other user is refused: 530), passive and active on,
/// anonymous uploads with MKD and APPE into <c>/upload</c>. Serves <c>hello.txt</c>, <c>big.bin</c> and
/// <c>pub/a.txt</c>. Writes <c>vsftpd.pid</c> so scripts/test.sh can stop it if the test host dies.
/// </summary>
public sealed class VsftpdServer : IAsyncLifetime
{
    public const string BinaryPath = "/usr/sbin/vsftpd";
    private Process? _process;
    private string _directory = "";

    public int Port { get; private set; }
    public string BaseUrl => $"ftp://127.0.0.1:{Port}";
    public string Root => Path.Combine(_directory, "root");
    public string UploadDir => Path.Combine(Root, "upload");

    public async Task InitializeAsync()
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException("vsftpd is not installed: run scripts/test.sh (it installs it)");
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync()) return;
            await DisposeAsync();
            // Most likely the free port was taken in between; another one is tried.
            if (attempt == 3) throw new InvalidOperationException("vsftpd did not start after 3 attempts");
        }
    }

    /// <summary>Empties <c>/upload</c> so each run starts from the same server state.</summary>
    public void ResetUploads()
    {
        foreach (var entry in Directory.GetFileSystemEntries(UploadDir))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }

    /// <summary>Every file under <c>/upload</c> with its contents, in a stable order.</summary>
    public string Uploads()
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.GetFiles(UploadDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            sb.Append(Path.GetRelativePath(UploadDir, file)).Append(": ").Append(Encoding.Latin1.GetString(File.ReadAllBytes(file))).Append('\n');
        return sb.ToString();
    }

    private async Task<bool> TryStartAsync()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("vsftpd runs on Linux only");
        _directory = Directory.CreateTempSubdirectory("curlew-cli-vsftpd-").FullName;
        var empty = Path.Combine(_directory, "empty");
        foreach (var d in new[] { Root, empty, Path.Combine(Root, "pub"), UploadDir }) Directory.CreateDirectory(d);
        // vsftpd refuses a writable chroot root; the anonymous user (ftp) must walk down to it and write into /upload.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        foreach (var d in new[] { _directory, Root, empty, Path.Combine(Root, "pub") }) File.SetUnixFileMode(d, readable);
        File.SetUnixFileMode(UploadDir, readable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        await File.WriteAllTextAsync(Path.Combine(Root, "hello.txt"), "hello from vsftpd\n");
        await File.WriteAllTextAsync(Path.Combine(Root, "pub", "a.txt"), "in pub\n");
        await File.WriteAllBytesAsync(Path.Combine(Root, "big.bin"), Enumerable.Range(0, 100_000).Select(i => (byte)(i % 251)).ToArray());
        foreach (var f in new[] { "hello.txt", "pub/a.txt", "big.bin" })
            File.SetUnixFileMode(Path.Combine(Root, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        Port = FreePort();
        var config = Path.Combine(_directory, "vsftpd.conf");
        await File.WriteAllTextAsync(config, Config(empty));
        var start = new ProcessStartInfo(BinaryPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(config);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + BinaryPath);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await File.WriteAllTextAsync(Path.Combine(_directory, "vsftpd.pid"), _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10) && !_process.HasExited)
        {
            if (await Greets(Port)) return true;
            await Task.Delay(50);   // polls the port: a bounded wait for vsftpd to listen
        }
        return false;
    }

    private string Config(string empty) => $"""
        listen=YES
        listen_ipv6=NO
        listen_address=127.0.0.1
        listen_port={Port}
        background=NO
        run_as_launching_user=NO
        seccomp_sandbox=NO
        secure_chroot_dir={empty}
        anonymous_enable=YES
        local_enable=NO
        no_anon_password=YES
        anon_root={Root}
        write_enable=YES
        anon_upload_enable=YES
        anon_mkdir_write_enable=YES
        anon_other_write_enable=YES
        anon_umask=022
        pasv_enable=YES
        port_enable=YES
        connect_from_port_20=NO
        xferlog_enable=NO
        vsftpd_log_file={_directory}/vsftpd.log
        max_per_ip=0
        max_clients=0

        """;

    // A 220 greeting proves vsftpd is ready to serve.
    private static async Task<bool> Greets(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(2));
            var buffer = new byte[256];
            int n = await probe.ReceiveAsync(buffer).WaitAsync(TimeSpan.FromSeconds(2));
            return n >= 3 && Encoding.ASCII.GetString(buffer, 0, 3) == "220";
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Stops vsftpd with its session children and deletes its directory.</summary>
    public async Task DisposeAsync()
    {
        if (_process != null)
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException) { }   // already gone
            _process.Dispose();
            _process = null;
        }
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }                    // a session child may still hold a file for a moment
        catch (UnauthorizedAccessException) { }
    }
}
