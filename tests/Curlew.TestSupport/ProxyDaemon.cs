using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.TestSupport;

/// <summary>
/// A proxy daemon from Debian (tinyproxy, danted) run by the test process in the foreground: its config and pid file in
/// a fresh temp directory, listening on a free loopback port. Registered with <see cref="TestRunCleanup"/> so it stops
/// (and its directory goes) when the run ends even if its owner never disposes it.
/// </summary>
public sealed class ProxyDaemon : IAsyncDisposable
{
    private readonly Process _process;
    private int _disposed;

    private ProxyDaemon(Process process, string directory, int port)
    {
        _process = process;
        Directory = directory;
        Port = port;
    }

    /// <summary>The daemon's directory (config, log, pid file).</summary>
    public string Directory { get; }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>
    /// Starts <paramref name="binary"/> with the arguments <paramref name="arguments"/> makes from the directory and the
    /// config path, after writing the config <paramref name="config"/> makes from the directory and the port; waits up to
    /// 10 s for the port to accept. Three tries, as a free port may be taken in between.
    /// </summary>
    public static async Task<ProxyDaemon> StartAsync(string name, string binary, Func<string, int, string> config,
        Func<string, string, IEnumerable<string>> arguments)
    {
        if (!File.Exists(binary)) throw new InvalidOperationException($"{binary} is not installed: run scripts/test.sh (it installs it)");
        Exception? last = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory($"curlew-{name}-").FullName;
            int port = LoopbackPort.Free();
            var configPath = Path.Combine(directory, name + ".conf");
            await File.WriteAllTextAsync(configPath, config(directory, port));
            var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var argument in arguments(directory, configPath)) start.ArgumentList.Add(argument);
            var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + binary);
            var output = new StringBuilder();
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var daemon = new ProxyDaemon(process, directory, port);
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(10) && !process.HasExited && !await Accepts(port))
                await Task.Delay(50);   // polls the port: a bounded wait for the daemon to listen
            if (!process.HasExited && await Accepts(port))
            {
                TestRunCleanup.Register($"{name} (pid {process.Id}, {directory})", daemon.DisposeAsync);
                return daemon;
            }
            string why;
            lock (output) why = $"{name} did not listen on {port}: exited={process.HasExited} {output}{ReadLogs(directory)}";
            last = new InvalidOperationException(why);
            await daemon.DisposeAsync();
        }
        throw new InvalidOperationException($"{name} did not start after 3 attempts", last);
    }

    /// <summary>Every log file in the directory, for a failure message.</summary>
    public string Logs() => ReadLogs(Directory);

    private static string ReadLogs(string directory)
    {
        var text = new StringBuilder();
        foreach (var log in System.IO.Directory.GetFiles(directory, "*.log")) text.Append(File.ReadAllText(log));
        return text.ToString();
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


    /// <summary>Stops the daemon and deletes its directory. Safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException) { }   // already gone
        _process.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
