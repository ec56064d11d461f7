using System.Text;

namespace Curlew.TestSupport;

/// <summary>
/// A proxy daemon from Debian (tinyproxy, danted) run by the test process in the foreground through
/// <see cref="ServerProcess"/>: its config and pid file in a fresh temp directory, listening on a free loopback port.
/// Registered with <see cref="TestRunCleanup"/> so it stops (and its directory goes) when the run ends even if its owner
/// never disposes it.
/// </summary>
public sealed class ProxyDaemon : IAsyncDisposable
{
    private readonly ServerProcess _process;

    private ProxyDaemon(ServerProcess process, int port)
    {
        _process = process;
        Port = port;
    }

    /// <summary>The daemon's directory (config, log, pid file).</summary>
    public string Directory => _process.Directory;

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// Starts <paramref name="binary"/> with the arguments <paramref name="arguments"/> makes from the directory and the
    /// config path, after writing the config <paramref name="config"/> makes from the directory and the port; waits
    /// (up to <see cref="ServerProcess.StartLimit"/>) for the port to accept, retrying with a new port on failure.
    /// </summary>
    public static Task<ProxyDaemon> StartAsync(string name, string binary, Func<string, int, string> config,
        Func<string, string, IEnumerable<string>> arguments)
    {
        if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} is not installed: run scripts/test.sh (it installs it)");
        return ServerProcess.StartWithRetries(name, async () =>
        {
            var directory = System.IO.Directory.CreateTempSubdirectory($"curlew-{name}-").FullName;
            int port = LoopbackPort.Free();
            var configPath = Path.Combine(directory, name + ".conf");
            await File.WriteAllTextAsync(configPath, config(directory, port));
            var process = ServerProcess.Start(binary, directory, arguments(directory, configPath));
            await process.WaitUntilReady(name, () => LoopbackProbe.Accepts(port), () => ReadLogs(directory));
            var daemon = new ProxyDaemon(process, port);
            TestRunCleanup.Register($"{name} (pid {process.Id}, {directory})", daemon.DisposeAsync);
            return daemon;
        });
    }

    /// <summary>Every log file in the directory, for a failure message.</summary>
    public string Logs() => ReadLogs(Directory);

    private static string ReadLogs(string directory)
    {
        var text = new StringBuilder();
        foreach (var log in System.IO.Directory.GetFiles(directory, "*.log")) text.Append(File.ReadAllText(log));
        return text.ToString();
    }

    /// <summary>Stops the daemon and deletes its directory. Safe to call more than once.</summary>
    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
