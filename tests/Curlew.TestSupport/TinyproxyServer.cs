using Xunit;

namespace Curlew.TestSupport;

/// <summary>
/// Debian's tinyproxy (an HTTP proxy that forwards absolute-form requests and tunnels CONNECT to any port), run in the
/// foreground (<c>-d</c>) on a free loopback port with its pid file <c>tinyproxy.pid</c> in its temp directory. With
/// <see cref="StartAsync"/>'s login it answers 407 to requests without the right Basic Proxy-Authorization.
/// </summary>
public sealed class TinyproxyServer : IAsyncDisposable
{
    /// <summary>Where the tinyproxy binary is expected.</summary>
    public const string BinaryPath = "/usr/bin/tinyproxy";

    private readonly ProxyDaemon _daemon;

    private TinyproxyServer(ProxyDaemon daemon) => _daemon = daemon;

    /// <summary>The port it listens on.</summary>
    public int Port => _daemon.Port;

    /// <summary><c>127.0.0.1:PORT</c>, the way curl's -x is usually given.</summary>
    public string HostPort => $"127.0.0.1:{Port}";

    /// <summary>Its log, for failure messages.</summary>
    public string Log => _daemon.Logs();

    /// <summary>Starts tinyproxy; with <paramref name="user"/> it demands that Basic login.</summary>
    public static async Task<TinyproxyServer> StartAsync(string? user = null, string? password = null) =>
        new(await ProxyDaemon.StartAsync("tinyproxy", BinaryPath, (directory, port) => $"""
            Port {port}
            Listen 127.0.0.1
            Timeout 60
            MaxClients 50
            PidFile "{directory}/tinyproxy.pid"
            LogFile "{directory}/tinyproxy.log"
            LogLevel Info
            {(user is null ? "" : $"BasicAuth {user} {password}")}
            """, (_, config) => ["-d", "-c", config]));

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _daemon.DisposeAsync();
}

/// <summary>An open tinyproxy and one that demands the login alice / s3cret, shared by the <c>proxies</c> collection.</summary>
public sealed class ProxyFixture : IAsyncLifetime
{
    /// <summary>The login <see cref="Guarded"/> demands.</summary>
    public const string User = "alice", Password = "s3cret";

    private TinyproxyServer? _open, _guarded;
    private DanteServer? _socks;

    /// <summary>tinyproxy without a login.</summary>
    public TinyproxyServer Open => _open ?? throw new InvalidOperationException("the proxy fixture was not started");

    /// <summary>tinyproxy demanding <see cref="User"/> / <see cref="Password"/>.</summary>
    public TinyproxyServer Guarded => _guarded ?? throw new InvalidOperationException("the proxy fixture was not started");

    /// <summary>danted, SOCKS5 without authentication.</summary>
    public DanteServer Socks => _socks ?? throw new InvalidOperationException("the proxy fixture was not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _open = await TinyproxyServer.StartAsync();
        _guarded = await TinyproxyServer.StartAsync(User, Password);
        _socks = await DanteServer.StartAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_open is not null) await _open.DisposeAsync();
        if (_guarded is not null) await _guarded.DisposeAsync();
        if (_socks is not null) await _socks.DisposeAsync();
    }
}
