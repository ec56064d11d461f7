using Xunit;

namespace Curlew.TestSupport;

/// <summary>
/// Debian's nginx, started in the foreground with a generated config in a fresh temp directory, listening on
/// 127.0.0.1 at a free port and serving <c>small.txt</c> and <c>big.bin</c> from <see cref="Root"/>.
/// A real, independent HTTP/1.1 implementation to check Curlew against (keep-alive, ranges, large bodies).
/// Every started server is also registered with <see cref="TestRunCleanup"/>, so it is stopped (and its directory
/// deleted) when the run ends even if its owner never disposes it; its <c>nginx.pid</c> lets scripts/test.sh stop it
/// if the test host dies.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>Where the nginx binary is expected.</summary>
    public const string BinaryPath = "/usr/sbin/nginx";

    /// <summary>Contents of <c>/small.txt</c>.</summary>
    public const string SmallText = "small response body\n";

    /// <summary>Size of <c>/big.bin</c> (4 MiB; byte i = i % 251).</summary>
    public const int BigSize = 4 * 1024 * 1024;

    private readonly ServerProcess _process;

    private NginxServer(ServerProcess process, int port, IReadOnlyDictionary<string, int> ports)
    {
        _process = process;
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
    public string Directory => _process.Directory;

    /// <summary>The TCP port nginx listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>The document root (files placed here are served).</summary>
    public string Root => Path.Combine(Directory, "root");

    /// <summary>Starts nginx and waits until every port it was given accepts connections.</summary>
    public static Task<NginxServer> StartAsync(ExtraServers? extra = null)
    {
        if (!File.Exists(BinaryPath))
            throw new InvalidOperationException("nginx is not installed: run scripts/test.sh (it installs it)");
        return ServerProcess.StartWithRetries("nginx", () => TryStartAsync(extra));
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
        await File.WriteAllBytesAsync(Path.Combine(root, "big.bin"), BodyPattern.Bytes(BigSize));
        var port = LoopbackPort.Free();
        var ports = new Dictionary<string, int>();
        var extraText = extra?.Invoke(directory, root, name => ports[name] = LoopbackPort.Free()) ?? "";
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(directory, root, port, extraText));

        var process = ServerProcess.Start(BinaryPath, directory,
            ["-p", directory + "/", "-e", Path.Combine(directory, "error.log"), "-c", config, "-g", "daemon off;"]);
        await process.WaitUntilReady("nginx", async () => await LoopbackProbe.Accepts(port) && await LoopbackProbe.AllAccept(ports.Values),
            () => ReadLog(directory));
        var server = new NginxServer(process, port, ports);
        TestRunCleanup.Register($"nginx (pid {process.Id}, {directory})", server.DisposeAsync);
        return server;
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

    /// <summary>Stops nginx (master and worker) and deletes its directory. Safe to call more than once.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}

/// <summary>One nginx shared by every test class of a collection (the test project declares the collection).</summary>
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
