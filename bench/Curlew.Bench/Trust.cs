using System.Security.Cryptography.X509Certificates;

namespace Curlew.Bench;

/// <summary>HttpClient's side of the probes: a SocketsHttpHandler that trusts the private test CA in a PEM file (none: the system's).</summary>
internal static class Trust
{
    public static SocketsHttpHandler Handler(string? caFile)
    {
        var handler = new SocketsHttpHandler();
        if (caFile is not null) handler.SslOptions.CertificateChainPolicy = Policy(caFile);
        return handler;
    }

    /// <summary>A chain policy that trusts only the CA certificates in <paramref name="caFile"/> (PEM), no revocation checks.</summary>
    public static X509ChainPolicy Policy(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(roots);
        return policy;
    }
}
