namespace Curlew.Cli.Tests.Servers;

/// <summary>
/// The real proxies the CLI proxy cases go through, as "127.0.0.1:PORT" for -x: tinyproxy open and demanding
/// alice / s3cret, and danted (SOCKS5); the shared fixtures of Curlew.TestSupport (foreground daemons, pid files in
/// their temp directories for scripts/test.sh's safety net). <see cref="DisposeAsync"/> stops them.
/// </summary>
public sealed class CliProxies : IAsyncLifetime
{
    public const string User = ProxyFixture.User, Password = ProxyFixture.Password;

    private readonly ProxyFixture _proxies = new();

    /// <summary>127.0.0.1:PORT of the open tinyproxy.</summary>
    public string Open => _proxies.Open.HostPort;

    /// <summary>127.0.0.1:PORT of the tinyproxy that demands <see cref="User"/> / <see cref="Password"/>.</summary>
    public string Guarded => _proxies.Guarded.HostPort;

    /// <summary>127.0.0.1:PORT of danted.</summary>
    public string Socks => _proxies.Socks.HostPort;

    public Task InitializeAsync() => _proxies.InitializeAsync();

    public Task DisposeAsync() => _proxies.DisposeAsync();
}
