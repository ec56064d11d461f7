namespace Curlew.TestSupport;

/// <summary>
/// Debian's dante-server (<c>danted</c>), a SOCKS5 proxy, run in the foreground on a free loopback port with its pid
/// file <c>danted.pid</c> in its temp directory; no authentication, loopback clients to any destination.
/// </summary>
public sealed class DanteServer : IAsyncDisposable
{
    /// <summary>Where the danted binary is expected.</summary>
    public const string BinaryPath = "/usr/sbin/danted";

    private readonly ProxyDaemon _daemon;

    private DanteServer(ProxyDaemon daemon) => _daemon = daemon;

    /// <summary>The port it listens on.</summary>
    public int Port => _daemon.Port;

    /// <summary><c>127.0.0.1:PORT</c>.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    /// <summary>Its log, for failure messages.</summary>
    public string Log => _daemon.Logs();

    /// <summary>Starts danted.</summary>
    public static async Task<DanteServer> StartAsync() =>
        new(await ProxyDaemon.StartAsync("danted", BinaryPath, (directory, port) => $$"""
            logoutput: {{directory}}/danted.log
            internal: 127.0.0.1 port = {{port}}
            external: 127.0.0.1
            socksmethod: none
            clientmethod: none
            {{(Environment.UserName == "root" ? "user.privileged: root\nuser.unprivileged: nobody" : "")}}
            client pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
            socks pass { from: 127.0.0.0/8 to: 0.0.0.0/0 }
            """, (directory, config) => ["-f", config, "-p", Path.Combine(directory, "danted.pid"), "-N", "1"]));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}
