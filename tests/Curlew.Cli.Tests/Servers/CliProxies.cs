using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Cli.Tests.Servers;

/// <summary>
/// The real proxies the CLI proxy cases go through: tinyproxy open and demanding alice / s3cret, and danted (SOCKS5),
/// each run in the foreground by this process from a config in its own temp directory (pid files tinyproxy.pid /
/// danted.pid there, for scripts/test.sh's safety net). Started once on first use; <see cref="DisposeAsync"/> stops them.
/// </summary>
public sealed class CliProxies : IAsyncLifetime
{
    public const string User = "alice", Password = "s3cret";

    private readonly List<(Process Process, string Directory)> _started = [];

    /// <summary>127.0.0.1:PORT of the open tinyproxy.</summary>
    public string Open { get; private set; } = "";

    /// <summary>127.0.0.1:PORT of the tinyproxy that demands <see cref="User"/> / <see cref="Password"/>.</summary>
    public string Guarded { get; private set; } = "";

    /// <summary>127.0.0.1:PORT of danted.</summary>
    public string Socks { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Open = await StartAsync("tinyproxy", "/usr/bin/tinyproxy", Tinyproxy(null), (_, config) => ["-d", "-c", config]);
        Guarded = await StartAsync("tinyproxy", "/usr/bin/tinyproxy", Tinyproxy($"BasicAuth {User} {Password}"), (_, config) => ["-d", "-c", config]);
        Socks = await StartAsync("danted", "/usr/sbin/danted", (directory, port) => $$"""
            logoutput: {{directory}}/danted.log
            internal: 127.0.0.1 port = {{port}}
            external: 127.0.0.1
            socksmethod: none
            clientmethod: none
            {{(Environment.UserName == "root" ? "user.privileged: root\nuser.unprivileged: nobody" : "")}}
            client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
            socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
            """, (directory, config) => ["-f", config, "-p", Path.Combine(directory, "danted.pid"), "-N", "1"]);
    }

    private static Func<string, int, string> Tinyproxy(string? extra) => (directory, port) => $"""
        Port {port}
        Listen 127.0.0.1
        Timeout 60
        MaxClients 50
        PidFile "{directory}/tinyproxy.pid"
        LogFile "{directory}/tinyproxy.log"
        LogLevel Info
        {extra}
        """;

    private async Task<string> StartAsync(string name, string binary, Func<string, int, string> config, Func<string, string, string[]> arguments)
    {
        if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} is not installed: run scripts/test.sh (it installs it)");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var directory = Directory.CreateTempSubdirectory($"curlew-cli-{name}-").FullName;
            int port = FreePort();
            var configPath = Path.Combine(directory, name + ".conf");
            await File.WriteAllTextAsync(configPath, config(directory, port));
            var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in arguments(directory, configPath)) start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + binary);
            process.ErrorDataReceived += (_, _) => { };
            process.OutputDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            _started.Add((process, directory));
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited)
            {
                if (await Accepts(port)) return $"127.0.0.1:{port}";
                await Task.Delay(50);   // polls the port: a bounded wait for the daemon to listen
            }
        }
        throw new InvalidOperationException($"{name} did not start after 3 attempts");
    }

    private static async Task<bool> Accepts(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try { await probe.ConnectAsync(IPAddress.Loopback, port); return true; }
        catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async Task DisposeAsync()
    {
        foreach (var (process, directory) in _started)
        {
            try
            {
                if (!process.HasExited) process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (InvalidOperationException) { }
            process.Dispose();
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
