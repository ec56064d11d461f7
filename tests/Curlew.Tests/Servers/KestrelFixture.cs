using Xunit;

namespace Curlew.Tests.Servers;

/// <summary>One <see cref="KestrelTestServer"/> shared by the tests of a class (<c>IClassFixture&lt;KestrelFixture&gt;</c>). Tests that count connections start their own.</summary>
public sealed class KestrelFixture : IAsyncLifetime
{
    private KestrelTestServer? _server;

    /// <summary>The running server.</summary>
    public KestrelTestServer Server => _server ?? throw new InvalidOperationException("the Kestrel fixture was not started");

    /// <summary><see cref="KestrelTestServer.BaseUrl"/>.</summary>
    public string BaseUrl => Server.BaseUrl;

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await KestrelTestServer.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
