using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Connect.Tls;

/// <summary>
/// The roots a peer's chain must end in: the system store by default, or only the certificates of CURLOPT_CAINFO (a
/// PEM bundle) and CURLOPT_CAPATH (a directory of PEM or DER files) when either is set, as libcurl with OpenSSL trusts
/// only what it was pointed at.
/// </summary>
internal static class TrustStore
{
    /// <summary>
    /// The chain policy for a connection. A CA file that cannot be read or holds no certificate fails with
    /// SslCaCertBadFile (77) while the peer is verified; when it is not, libcurl only notes it and goes on, and so do we.
    /// </summary>
    public static X509ChainPolicy PolicyFor(TlsSettings tls)
    {
        var policy = new X509ChainPolicy
        {
            RevocationMode = X509RevocationMode.NoCheck,   // libcurl checks no CRL or OCSP unless asked
            DisableCertificateDownloads = true,            // nor fetches missing intermediates (AIA)
        };
        if (tls.CaInfo is null && tls.CaPath is null) return policy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        try
        {
            if (tls.CaInfo is { } file) policy.CustomTrustStore.AddRange(FromBundle(file));
            if (tls.CaPath is { } directory) policy.CustomTrustStore.AddRange(FromDirectory(directory));
        }
        catch (CurlException) when (!tls.VerifyPeer) { }   // nothing will be checked against it
        return policy;
    }

    private static X509Certificate2Collection FromBundle(string path)
    {
        var bundle = new X509Certificate2Collection();
        try { bundle.ImportFromPemFile(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw BadFile(path);
        }
        return bundle.Count > 0 ? bundle : throw BadFile(path);
    }

    // OpenSSL looks certificates up in a CA directory by hashed names (c_rehash); every readable certificate file in
    // it is taken here, so a directory that works with curl works with Curlew. A missing one trusts nothing, as there.
    private static X509Certificate2Collection FromDirectory(string path)
    {
        var found = new X509Certificate2Collection();
        if (!Directory.Exists(path)) return found;
        foreach (var file in Directory.EnumerateFiles(path))
        {
            try
            {
                var one = new X509Certificate2Collection();
                one.ImportFromPemFile(file);
                if (one.Count == 0) one.Add(X509CertificateLoader.LoadCertificateFromFile(file));
                found.AddRange(one);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException) { }
        }
        return found;
    }

    private static CurlException BadFile(string path) =>
        new(CurlCode.SslCaCertBadFile, $"error setting certificate file: {path}");
}
