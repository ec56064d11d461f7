using System.Diagnostics;

namespace Curlew.Cli.Tests.Differential;

/// <summary>What one run of a command line produced.</summary>
public sealed record ProcessResult(int ExitCode, byte[] Stdout, byte[] Stderr);

/// <summary>Runs a program to its end, reading both output streams as they come (no sleeps: the exit is awaited).</summary>
public static class ProcessRun
{
    public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> prefix, IEnumerable<string> args, string workDir, byte[]? stdin)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in prefix) info.ArgumentList.Add(a);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("http_proxy");
        info.Environment.Remove("HTTP_PROXY");
        info.Environment["HOME"] = workDir;   // no ~/.curlrc may change curl's behaviour (a case may seed one there)
        info.Environment.Remove("CURL_HOME");  // both are looked in before $HOME
        info.Environment.Remove("XDG_CONFIG_HOME");
        using var process = Process.Start(info)!;
        var stdout = ReadAll(process.StandardOutput.BaseStream);
        var stderr = ReadAll(process.StandardError.BaseStream);
        if (stdin != null) await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in 60 s");
        }
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static async Task<byte[]> ReadAll(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
