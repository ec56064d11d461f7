using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Connect.Tls;

/// <summary>
/// Loads the client certificate of CURLOPT_SSLCERT in the format CURLOPT_SSLCERTTYPE names (PEM, the default; DER;
/// P12), with its key from CURLOPT_SSLKEY (PEM; the certificate file itself when unset) unlocked by CURLOPT_KEYPASSWD.
/// Anything wrong with them is SslCertProblem (58), as in libcurl.
/// </summary>
internal static class ClientCertificate
{
    /// <summary>The certificate with its private key, or null when none is set.</summary>
    public static X509Certificate2? Load(TlsSettings tls)
    {
        if (tls.Cert is not { Length: > 0 } path) return null;
        string type = (tls.CertType ?? "PEM").ToUpperInvariant();
        try
        {
            var loaded = type switch
            {
                "PEM" => FromPem(path, tls.Key ?? path, tls.KeyPassword),
                "DER" => WithKey(X509CertificateLoader.LoadCertificateFromFile(path), tls.Key, tls.KeyPassword, path),
                "P12" => X509CertificateLoader.LoadPkcs12FromFile(path, tls.KeyPassword, X509KeyStorageFlags.Exportable),
                _ => throw new CurlException(CurlCode.SslCertProblem, $"not supported file type '{tls.CertType}' for certificate"),
            };
            if (!loaded.HasPrivateKey)
                throw new CurlException(CurlCode.SslCertProblem, $"unable to use client certificate (no key found or wrong pass phrase?): {path}");
            return loaded;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new CurlException(CurlCode.SslCertProblem, $"could not load {type} client certificate from {path}: {ex.Message}", ex);
        }
    }

    private static X509Certificate2 FromPem(string certPath, string keyPath, string? password) =>
        password is null
            ? X509Certificate2.CreateFromPemFile(certPath, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(certPath, password, keyPath);

    private static X509Certificate2 WithKey(X509Certificate2 cert, string? keyPath, string? password, string certPath)
    {
        if (keyPath is null)
            throw new CurlException(CurlCode.SslCertProblem, $"unable to use client certificate (no key found): {certPath} is DER and SslKey is not set");
        string pem = File.ReadAllText(keyPath);
        using var key = cert.GetKeyAlgorithm() switch
        {
            "1.2.840.10045.2.1" => (AsymmetricAlgorithm)ECDsa.Create(),
            _ => RSA.Create(),
        };
        if (password is null) key.ImportFromPem(pem);
        else key.ImportFromEncryptedPem(pem, password);
        using (cert)
        {
            // An ephemeral key would not survive the TLS layer on every platform: go through PKCS#12 once.
            using var paired = key switch
            {
                ECDsa ec => cert.CopyWithPrivateKey(ec),
                RSA rsa => cert.CopyWithPrivateKey(rsa),
                _ => throw new CryptographicException("unsupported key type"),
            };
            return X509CertificateLoader.LoadPkcs12(paired.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
        }
    }
}
