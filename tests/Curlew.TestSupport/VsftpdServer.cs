using System.Diagnostics;
using System.Text;
using Xunit;

namespace Curlew.TestSupport;

/// <summary>
/// Debian's vsftpd, started in the foreground (<c>background=NO</c>) with a config written into a fresh temp
/// directory: 127.0.0.1 on a free port, anonymous login only, passive and active both on, anonymous uploads (with
/// MKD, APPE, DELE) into <c>/upload</c>. Serves <c>hello.txt</c>, <c>big.bin</c> and <c>pub/a.txt</c> from
/// <see cref="Root"/>. A real, independent FTP implementation to check Curlew (and libcurl) against. Registered with
/// <see cref="TestRunCleanup"/>, and it writes <c>vsftpd.pid</c> so scripts/test.sh can stop it if the test host dies.
/// </summary>
public sealed class VsftpdServer : IAsyncDisposable
{
    /// <summary>Where the vsftpd binary is expected.</summary>
    public const string BinaryPath = "/usr/sbin/vsftpd";

    /// <summary>Contents of <c>/hello.txt</c>.</summary>
    public const string HelloText = "hello from vsftpd\n";

    /// <summary>Contents of <c>/pub/a.txt</c>.</summary>
    public const string PubText = "in pub\n";

    /// <summary>Size of <c>/big.bin</c> (1 MiB; byte i = i % 251).</summary>
    public const int BigSize = 1024 * 1024;

    private readonly ServerProcess _process;

    private VsftpdServer(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The control port.</summary>
    public int Port { get; }

    /// <summary><c>ftp://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"ftp://127.0.0.1:{Port}";

    /// <summary>The anonymous root (files placed here are served).</summary>
    public string Root => Path.Combine(_process.Directory, "root");

    /// <summary>Where vsftpd logs every connection and command (<c>log_ftp_protocol</c>).</summary>
    public string LogFile => Path.Combine(_process.Directory, "vsftpd.log");

    /// <summary>How far the log has grown: pass it to <see cref="CommandsSince"/> to read what came after.</summary>
    public long LogMark() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    /// <summary>
    /// What clients did since <paramref name="mark"/>, in order: <c>CONNECT</c> for each new control connection and
    /// each command as sent (vsftpd writes <c>PASS &lt;password&gt;</c> for any password).
    /// </summary>
    public List<string> CommandsSince(long mark)
    {
        var lines = new List<string>();
        if (!File.Exists(LogFile)) return lines;
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(mark, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Contains("] CONNECT: Client ", StringComparison.Ordinal)) lines.Add("CONNECT");
            int at = line.IndexOf("FTP command: Client ", StringComparison.Ordinal);
            if (at < 0) continue;
            int open = line.IndexOf(", \"", at, StringComparison.Ordinal);
            if (open >= 0 && line.EndsWith('"')) lines.Add(line[(open + 3)..^1]);
        }
        return lines;
    }

    /// <summary>
    /// <see cref="CommandsSince"/> once the log has stopped growing (for 500 ms, at most 5 s): a client that closes
    /// right after sending QUIT does not wait for vsftpd to read (and log) it.
    /// </summary>
    public List<string> SettledCommandsSince(long mark)
    {
        var quiet = Stopwatch.StartNew();
        var total = Stopwatch.StartNew();
        long length = LogMark();
        while (quiet.ElapsedMilliseconds < 500 && total.ElapsedMilliseconds < 5000)
        {
            Thread.Sleep(50);   // polls the file: vsftpd's session processes give no other sign that they are done
            long now = LogMark();
            if (now != length) { length = now; quiet.Restart(); }
        }
        return CommandsSince(mark);
    }

    /// <summary>Where anonymous uploads land (<c>/upload</c> on the server).</summary>
    public string UploadDir => Path.Combine(Root, "upload");

    /// <summary>
    /// Starts vsftpd and waits (up to <see cref="ServerProcess.StartLimit"/>) until it greets on its port. With <paramref name="tls"/> it also speaks
    /// FTPS: explicit (AUTH TLS) on <see cref="Port"/> and, with <see cref="VsftpdTls.Implicit"/>, TLS from the first
    /// byte instead.
    /// </summary>
    public static Task<VsftpdServer> StartAsync(VsftpdTls? tls = null)
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException("vsftpd is not installed: run scripts/test.sh (it installs it)");
        return ServerProcess.StartWithRetries("vsftpd", () => TryStartAsync(tls));
    }

    /// <summary>Empties <c>/upload</c>, so that each case starts from the same server state.</summary>
    public void ResetUploads()
    {
        foreach (var entry in Directory.GetFileSystemEntries(UploadDir))
        {
            if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
            else File.Delete(entry);
        }
    }

    /// <summary>Every file under <c>/upload</c> with its contents (Latin-1), in a stable order.</summary>
    public string Uploads()
    {
        var sb = new StringBuilder();
        foreach (var file in Directory.GetFiles(UploadDir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            sb.Append(Path.GetRelativePath(UploadDir, file)).Append(": ").Append(Encoding.Latin1.GetString(File.ReadAllBytes(file))).Append('\n');
        return sb.ToString();
    }

    private static async Task<VsftpdServer> TryStartAsync(VsftpdTls? tls)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("vsftpd runs on Linux only");
        var directory = Directory.CreateTempSubdirectory("curlew-vsftpd-").FullName;
        var root = Path.Combine(directory, "root");
        var empty = Path.Combine(directory, "empty");
        foreach (var d in new[] { root, empty, Path.Combine(root, "pub"), Path.Combine(root, "upload") }) Directory.CreateDirectory(d);
        // vsftpd refuses a writable chroot root; the anonymous user (ftp) must walk down to it and write into /upload.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        const UnixFileMode everyone = readable | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite;
        foreach (var d in new[] { directory, root, empty, Path.Combine(root, "pub") }) File.SetUnixFileMode(d, readable);
        File.SetUnixFileMode(Path.Combine(root, "upload"), everyone);
        await File.WriteAllTextAsync(Path.Combine(root, "hello.txt"), HelloText);
        await File.WriteAllTextAsync(Path.Combine(root, "pub", "a.txt"), PubText);
        await File.WriteAllBytesAsync(Path.Combine(root, "big.bin"), BodyPattern.Bytes(BigSize));
        foreach (var f in new[] { "hello.txt", "pub/a.txt", "big.bin" })
            File.SetUnixFileMode(Path.Combine(root, f), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var port = LoopbackPort.Free();
        var config = Path.Combine(directory, "vsftpd.conf");
        await File.WriteAllTextAsync(config, Config(directory, root, empty, port) + (tls?.Config() ?? ""));

        var process = ServerProcess.Start(BinaryPath, directory, [config]);
        // scripts/test.sh stops a vsftpd whose pid file lies under the run's temp dir, should the test host die.
        await File.WriteAllTextAsync(Path.Combine(directory, "vsftpd.pid"), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // vsftpd accepts before it is ready to serve only briefly: a 220 greeting proves it is. An implicit-FTPS server
        // greets only inside TLS, so there accepting is the readiness sign.
        await process.WaitUntilReady("vsftpd", () => tls?.Implicit == true ? LoopbackProbe.Accepts(port) : LoopbackProbe.Greets(port, "220"),
            () => ReadLog(directory));
        var server = new VsftpdServer(process, port);
        TestRunCleanup.Register($"vsftpd (pid {process.Id}, {directory})", server.DisposeAsync);
        return server;
    }

    private static string ReadLog(string directory)
    {
        var path = Path.Combine(directory, "vsftpd.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static string Config(string directory, string root, string empty, int port) => $"""
        listen=YES
        listen_ipv6=NO
        listen_address=127.0.0.1
        listen_port={port}
        background=NO
        run_as_launching_user=NO
        seccomp_sandbox=NO
        secure_chroot_dir={empty}
        anonymous_enable=YES
        local_enable=NO
        no_anon_password=YES
        anon_root={root}
        write_enable=YES
        anon_upload_enable=YES
        anon_mkdir_write_enable=YES
        anon_other_write_enable=YES
        anon_umask=022
        pasv_enable=YES
        port_enable=YES
        connect_from_port_20=NO
        xferlog_enable=YES
        xferlog_std_format=NO
        log_ftp_protocol=YES
        vsftpd_log_file={directory}/vsftpd.log
        max_per_ip=0
        max_clients=0

        """;

    /// <summary>Stops vsftpd (and its per-session children) and deletes its directory. Safe to call more than once.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>One vsftpd shared by every test class of a collection (the test project declares the collection).</summary>
public sealed class VsftpdFixture : IAsyncLifetime
{
    private VsftpdServer? _server;

    /// <summary>The running server.</summary>
    public VsftpdServer Server => _server ?? throw new InvalidOperationException("the vsftpd fixture was not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await VsftpdServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// vsftpd's FTPS settings: the server certificate and key (PEM files the test made), anonymous TLS allowed but not
/// forced (so AUTH may also be skipped), and whether the data connection must resume the control connection's TLS
/// session (<c>require_ssl_reuse</c>, vsftpd's default YES).
/// </summary>
public sealed record VsftpdTls(string CertFile, string KeyFile, bool RequireSslReuse = true, bool Implicit = false)
{
    internal string Config() => $"""
        ssl_enable=YES
        rsa_cert_file={CertFile}
        rsa_private_key_file={KeyFile}
        allow_anon_ssl=YES
        force_local_data_ssl=NO
        force_local_logins_ssl=NO
        force_anon_data_ssl=NO
        force_anon_logins_ssl=NO
        require_ssl_reuse={(RequireSslReuse ? "YES" : "NO")}
        implicit_ssl={(Implicit ? "YES" : "NO")}
        ssl_ciphers=HIGH

        """;
}
