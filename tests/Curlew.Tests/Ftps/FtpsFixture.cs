using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Ftps;

/// <summary>
/// Certificates made for the run and two FTPS vsftpd servers on them: one explicit (AUTH TLS on ftp://), one implicit
/// (ftps://, TLS from the first byte). Both with <c>require_ssl_reuse=NO</c>: .NET resumes a TLS session only from its
/// process-wide cache keyed by host name (not port, never for an IP address), so another test's TLS connection to
/// "localhost" between the control and the data handshake replaces the session and vsftpd's default refuses (522).
/// </summary>
public sealed class FtpsFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("curlew-ftps-").FullName;
    private VsftpdServer? _explicit, _implicit;

    public TestCertificates Certificates { get; private set; } = null!;
    public VsftpdServer Explicit => _explicit ?? throw new InvalidOperationException("the FTPS fixture was not started");
    public VsftpdServer Implicit => _implicit ?? throw new InvalidOperationException("the FTPS fixture was not started");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Certificates = TestCertificates.Create(_directory);
        _explicit = await VsftpdServer.StartAsync(new VsftpdTls(Certificates.CertFile("server"), Certificates.KeyFile("server"), RequireSslReuse: false));
        _implicit = await VsftpdServer.StartAsync(new VsftpdTls(Certificates.CertFile("server"), Certificates.KeyFile("server"), RequireSslReuse: false, Implicit: true));
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_explicit is not null) await _explicit.DisposeAsync();
        if (_implicit is not null) await _implicit.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>Tests in this collection share one <see cref="FtpsFixture"/>.</summary>
[CollectionDefinition("ftps")]
public sealed class FtpsCollection : ICollectionFixture<FtpsFixture>
{
}
