using Xunit;

namespace Curlew.Tests.Servers;

// xUnit finds collection definitions only in the test assembly itself, so the shared servers' collections are
// declared here while their fixtures live in Curlew.TestSupport.

/// <summary>Tests in this collection share one <see cref="NginxFixture"/>.</summary>
[CollectionDefinition("nginx")]
public sealed class NginxCollection : ICollectionFixture<NginxFixture>
{
}

/// <summary>Tests in this collection share one <see cref="NginxTlsFixture"/>.</summary>
[CollectionDefinition("nginx-tls")]
public sealed class NginxTlsCollection : ICollectionFixture<NginxTlsFixture>
{
}

/// <summary>Tests in this collection share one <see cref="VsftpdFixture"/>.</summary>
[CollectionDefinition("vsftpd")]
public sealed class VsftpdCollection : ICollectionFixture<VsftpdFixture>
{
}

/// <summary>The test classes that share <see cref="ProxyFixture"/>.</summary>
[CollectionDefinition("proxies")]
public sealed class ProxyCollection : ICollectionFixture<ProxyFixture>;
