using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Servers;

/// <summary>
/// Debian's nginx, started in the foreground with a generated config in a fresh temp directory, listening on
/// 127.0.0.1 at a free port and serving <c>small.txt</c> and <c>big.bin</c> from <see cref="Root"/>.
/// A real, independent HTTP/1.1 implementation to check Curlew against (keep-alive, ranges, large bodies).
/// Every started server is also registered with <see cref="TestRunCleanup"/>, so it is stopped (and its directory
/// deleted) when the run ends even if its owner never disposes it.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>Where the nginx binary is expected.</summary>
    public const string BinaryPath = "/usr/sbin/nginx";

    /// <summary>Contents of <c>/small.txt</c>.</summary>
    public const string SmallText = "small response body\n";

    /// <summary>Size of <c>/big.bin</c> (4 MiB; byte i = i % 251).</summary>
    public const int BigSize = 4 * 1024 * 1024;

    private readonly Process _process;
    private readonly string _directory;
    private int _disposed;

    private NginxServer(Process process, string directory, int port, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Ports = ports;
    }

    /// <summary>
    /// Extra server blocks for the <c>http</c> section: given nginx's directory, its document root and a function that
    /// allocates a free port under a name (found again in <see cref="Ports"/>), returns the config text. It may write
    /// files (certificates) into the directory first.
    /// </summary>
    public delegate string ExtraServers(string directory, string root, Func<string, int> port);

    /// <summary>The ports the extra server blocks listen on, by the names they were allocated under.</summary>
    public IReadOnlyDictionary<string, int> Ports { get; }

    /// <summary>The nginx directory (config, logs, files written by <see cref="ExtraServers"/>).</summary>
    public string Directory => _directory;

    /// <summary>The TCP port nginx listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The document root (files placed here are served).</summary>
    public string Root => Path.Combine(_directory, "root");

    /// <summary>Starts nginx and waits (up to 10 s) until its port accepts connections.</summary>
    public static async Task<NginxServer> StartAsync(ExtraServers? extra = null)
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException("nginx is not installed: run scripts/test.sh (it installs it)");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                return await TryStartAsync(extra);
            }
            catch (NginxStartException ex)
            {
                last = ex; // most likely the free port was taken in between; try another
            }
        }
        throw new InvalidOperationException("nginx did not start after 3 attempts", last);
    }

    private static async Task<NginxServer> TryStartAsync(ExtraServers? extra)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("curlew-nginx-").FullName;
        var root = Path.Combine(directory, "root");
        System.IO.Directory.CreateDirectory(root);
        // nginx workers drop to "nobody" when started as root; they must be able to read the docroot.
        const UnixFileMode readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(directory, readable);
            File.SetUnixFileMode(root, readable);
        }
        await File.WriteAllTextAsync(Path.Combine(root, "small.txt"), SmallText);
        await File.WriteAllBytesAsync(Path.Combine(root, "big.bin"), KestrelTestServer.Pattern(BigSize));
        var port = FreePort();
        var ports = new Dictionary<string, int>();
        var extraText = extra?.Invoke(directory, root, name => ports[name] = FreePort()) ?? "";
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(directory, root, port, extraText));

        var start = new ProcessStartInfo(BinaryPath)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-p", directory + "/", "-e", Path.Combine(directory, "error.log"), "-c", config, "-g", "daemon off;" })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + BinaryPath);
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var server = new NginxServer(process, directory, port, ports);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                var log = ReadLog(directory);
                await server.DisposeAsync();
                lock (stderr) throw new NginxStartException($"nginx exited with {process.ExitCode}: {stderr}{log}");
            }
            if (await Accepts(port) && await AcceptsAll(ports.Values))
            {
                TestRunCleanup.Register($"nginx (pid {process.Id}, {directory})", server.DisposeAsync);
                return server;
            }
            await Task.Delay(50);   // polls the port, a bounded wait for nginx to listen
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"nginx did not accept connections on port {port} within 10 s");
    }

    private static async Task<bool> AcceptsAll(IEnumerable<int> ports)
    {
        foreach (var p in ports)
            if (!await Accepts(p)) return false;
        return true;
    }

    private static string Config(string directory, string root, int port, string extra) => $$"""
        worker_processes 1;
        pid {{directory}}/nginx.pid;
        error_log {{directory}}/error.log warn;
        events { worker_connections 256; }
        http {
            access_log off;
            client_body_temp_path {{directory}}/body;
            proxy_temp_path {{directory}}/proxy;
            fastcgi_temp_path {{directory}}/fastcgi;
            uwsgi_temp_path {{directory}}/uwsgi;
            scgi_temp_path {{directory}}/scgi;
            types { text/plain txt; application/octet-stream bin; }
            default_type application/octet-stream;
            keepalive_requests 10000;
            keepalive_timeout 60s;
            sendfile on;
            server {
                listen 127.0.0.1:{{port}};
                server_name localhost;
                root {{root}};
            }
        {{extra}}
        }
        """;

    private static string ReadLog(string directory)
    {
        var path = Path.Combine(directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private static async Task<bool> Accepts(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
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

    /// <summary>Stops nginx (master and worker) and deletes its directory. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // a worker may still hold a file for a moment; the temp dir is disposable anyway
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private sealed class NginxStartException(string message) : Exception(message);
}

/// <summary>One nginx shared by every test class in the <c>nginx</c> collection.</summary>
public sealed class NginxFixture : IAsyncLifetime
{
    private NginxServer? _server;

    /// <summary>The running server.</summary>
    public NginxServer Server => _server ?? throw new InvalidOperationException("the nginx fixture was not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await NginxServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>Tests in this collection share one <see cref="NginxFixture"/>.</summary>
[CollectionDefinition("nginx")]
public sealed class NginxCollection : ICollectionFixture<NginxFixture>
{
}
