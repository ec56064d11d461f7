using System.Security.Cryptography.X509Certificates;

namespace Curlew.Bench;

/// <summary>HttpClient's side of the probes: a SocketsHttpHandler that trusts the private test CA in a PEM file (none: the system's).</summary>
internal static class Trust
{
    public static SocketsHttpHandler Handler(string? caFile)
    {
        var handler = new SocketsHttpHandler();
        if (caFile is null) return handler;
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        handler.SslOptions.CertificateChainPolicy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        handler.SslOptions.CertificateChainPolicy.CustomTrustStore.AddRange(roots);
        return handler;
    }
}
