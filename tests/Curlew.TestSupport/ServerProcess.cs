using System.Diagnostics;
using System.Text;

namespace Curlew.TestSupport;

/// <summary>
/// A server binary (nginx, vsftpd) run in the foreground for the tests in a directory of its own: its output is kept for
/// the failure message, it is stopped with its whole process tree and its directory deleted. Starting retries with a
/// fresh directory and port when an attempt fails (the usual cause: the port was taken between choosing and binding).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    /// <summary>How long a server may take to become ready; generous, the machine may be loaded.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);

    private const int StartAttempts = 5;
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private int _disposed;

    private ServerProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
    }

    /// <summary>The server's working directory (config, logs, pid file, served files).</summary>
    public string Directory { get; }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Runs <paramref name="tryStart"/> until one attempt returns, failing loudly after the last.</summary>
    public static async Task<T> StartWithRetries<T>(string what, Func<Task<T>> tryStart)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            try { return await tryStart(); }
            catch (StartFailedException ex) { last = ex; }   // most likely the chosen port was taken in between
        }
        throw new InvalidOperationException($"{what} did not start after {StartAttempts} attempts", last);
    }

    /// <summary>Starts <paramref name="binary"/> with <paramref name="arguments"/>, output captured.</summary>
    public static ServerProcess Start(string binary, string directory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + binary);
        return new ServerProcess(process, directory);
    }

    /// <summary>
    /// Polls <paramref name="ready"/> until it holds; when the process exits first or <see cref="StartLimit"/> passes,
    /// stops it and throws (a <see cref="StartFailedException"/>, so the start is retried) with its output and
    /// <paramref name="log"/>'s text.
    /// </summary>
    public async Task WaitUntilReady(string what, Func<Task<bool>> ready, Func<string> log)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < StartLimit)
        {
            if (_process.HasExited)
            {
                string why = $"{what} exited with {_process.ExitCode}: {OutputText()}{log()}";
                await DisposeAsync();
                throw new StartFailedException(why);
            }
            if (await ready()) return;
            await Task.Delay(50);   // polls the port: a bounded wait for the server to listen
        }
        string text = $"{what} was not ready within {StartLimit.TotalSeconds} s: {OutputText()}{log()}";
        await DisposeAsync();
        throw new StartFailedException(text);
    }

    /// <summary>Stops the process tree and deletes the directory. Safe to call more than once.</summary>
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
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }                    // a worker or session child may hold a file a moment longer
        catch (UnauthorizedAccessException) { }    // the temp dir goes with the run anyway
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private string OutputText()
    {
        lock (_output) return _output.ToString();
    }

    /// <summary>One start attempt failed in a way another attempt (new port, new directory) may not.</summary>
    public sealed class StartFailedException(string message) : Exception(message);
}
