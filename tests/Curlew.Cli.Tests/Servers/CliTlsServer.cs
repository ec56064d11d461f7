using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Servers;

namespace Curlew.Cli.Tests.Servers;

/// <summary>
/// Debian's nginx speaking TLS with certificates made for the run (the library tests' <see cref="TestCertificates"/>,
/// linked in): one port per case, named tls (TLS 1.2 and 1.3), wronghost, expired, clientcert (requires a client
/// certificate from the private CA) and tls12 (TLS 1.2 only). Each serves /small.txt. Started in the foreground by
/// the tests, refused loudly when nginx is missing, killed and its directory deleted at the end.
/// </summary>
public sealed class CliTlsServer : IAsyncLifetime
{
    private const string NginxPath = "/usr/sbin/nginx";
    public const string SmallText = "small response body over TLS\n";

    private Process? _process;
    private readonly Dictionary<string, int> _ports = [];

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("curlew-cli-tls-").FullName;
    public TestCertificates Certificates { get; private set; } = null!;
    public int Port(string name) => _ports[name];

    public async Task InitializeAsync()
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the TLS nginx runs on Debian only");
        if (!File.Exists(NginxPath)) throw new InvalidOperationException("nginx is not installed: run scripts/test.sh (it installs it)");
        Certificates = TestCertificates.Create(Path.Combine(Directory, "certs"));
        string root = Path.Combine(Directory, "root");
        System.IO.Directory.CreateDirectory(root);
        // nginx workers drop to "nobody" when started as root; they must be able to read the docroot and the keys.
        foreach (var dir in new[] { Directory, root, Certificates.Directory })
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        foreach (var file in System.IO.Directory.GetFiles(Certificates.Directory))
            File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        await File.WriteAllTextAsync(Path.Combine(root, "small.txt"), SmallText);
        foreach (var name in new[] { "tls", "wronghost", "expired", "clientcert", "tls12" }) _ports[name] = FreePort();
        string config = Path.Combine(Directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(root));
        var start = new ProcessStartInfo(NginxPath) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-p", Directory + "/", "-e", Path.Combine(Directory, "error.log"), "-c", config, "-g", "daemon off;" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + NginxPath);
        var waited = Stopwatch.StartNew();
        while (!await AllAccept())
        {
            if (_process.HasExited || waited.Elapsed > TimeSpan.FromSeconds(10))
                throw new InvalidOperationException($"the TLS nginx did not start: {await _process.StandardError.ReadToEndAsync()}{ReadLog()}");
            await Task.Delay(50);   // a bounded wait for nginx to listen
        }
    }

    public async Task DisposeAsync()
    {
        if (_process != null)
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            _process.Dispose();
        }
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }   // a worker may hold a file a moment longer; the temp dir goes with the run
    }

    private string Config(string root)
    {
        string certs = Certificates.Directory;
        string Site(string name, string cert, string extra) => $$"""
                server {
                    listen 127.0.0.1:{{_ports[name]}} ssl;
                    server_name localhost;
                    root {{root}};
                    ssl_certificate {{certs}}/{{cert}}.pem;
                    ssl_certificate_key {{certs}}/{{cert}}-key.pem;
                    {{extra}}
                }
            """;
        return $$"""
            worker_processes 1;
            pid {{Directory}}/nginx.pid;
            error_log {{Directory}}/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                client_body_temp_path {{Directory}}/body;
                proxy_temp_path {{Directory}}/proxy;
                fastcgi_temp_path {{Directory}}/fastcgi;
                uwsgi_temp_path {{Directory}}/uwsgi;
                scgi_temp_path {{Directory}}/scgi;
                types { text/plain txt; }
                etag off;
                ssl_protocols TLSv1.2 TLSv1.3;
            {{Site("tls", "server", "")}}
            {{Site("wronghost", "wronghost", "")}}
            {{Site("expired", "expired", "")}}
            {{Site("clientcert", "server", $"ssl_verify_client on; ssl_client_certificate {Certificates.CaFile};")}}
            {{Site("tls12", "server", "ssl_protocols TLSv1.2;")}}
            }
            """;
    }

    private string ReadLog()
    {
        string path = Path.Combine(Directory, "error.log");
        return File.Exists(path) ? File.ReadAllText(path) : "";
    }

    private async Task<bool> AllAccept()
    {
        foreach (int port in _ports.Values)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try { await probe.ConnectAsync(IPAddress.Loopback, port); }
            catch (SocketException) { return false; }
        }
        return true;
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
