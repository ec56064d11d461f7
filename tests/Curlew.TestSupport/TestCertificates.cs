using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.TestSupport;

/// <summary>
/// Certificates made for a test run with <see cref="CertificateRequest"/>: a private CA and, signed by it, a server
/// certificate for localhost/127.0.0.1/::1, one for another host, an expired one and a client certificate; written as
/// PEM (and DER/P12 for the client) into a directory. Nothing is trusted system-wide.
/// </summary>
public sealed class TestCertificates
{
    /// <summary>The passphrase of the encrypted client key and of the P12 file.</summary>
    public const string ClientPassword = "curlew-secret";

    private TestCertificates(string directory) => Directory = directory;

    /// <summary>Where the files are.</summary>
    public string Directory { get; }

    /// <summary>The CA certificate (PEM): give it as CaInfo.</summary>
    public string CaFile => Path.Combine(Directory, "ca.pem");
    /// <summary>A directory holding only the CA certificate: give it as CaPath.</summary>
    public string CaDirectory => Path.Combine(Directory, "cadir");
    /// <summary>A CA that signed nothing here: trusting it alone must fail verification.</summary>
    public string OtherCaFile => Path.Combine(Directory, "other-ca.pem");
    /// <summary>The server key (PEM): its public key for pinning tests.</summary>
    public string ServerPublicKeyFile => Path.Combine(Directory, "server-pub.pem");
    /// <summary>The base64 SHA-256 of the server's SubjectPublicKeyInfo (for "sha256//" pins).</summary>
    public string ServerKeySha256 { get; private set; } = "";
    /// <summary>Client certificate and key, PEM; the key unencrypted.</summary>
    public string ClientCert => Path.Combine(Directory, "client.pem");
    public string ClientKey => Path.Combine(Directory, "client-key.pem");
    /// <summary>The client key encrypted with <see cref="ClientPassword"/>.</summary>
    public string ClientKeyEncrypted => Path.Combine(Directory, "client-key-enc.pem");
    /// <summary>The client certificate as DER, and as PKCS#12 (with its key, protected by <see cref="ClientPassword"/>).</summary>
    public string ClientDer => Path.Combine(Directory, "client.der");
    public string ClientP12 => Path.Combine(Directory, "client.p12");

    /// <summary>"server", "wronghost", "expired": the certificate and key files nginx serves.</summary>
    public string CertFile(string name) => Path.Combine(Directory, name + ".pem");
    public string KeyFile(string name) => Path.Combine(Directory, name + "-key.pem");

    /// <summary>Makes every certificate and writes the files into <paramref name="directory"/>.</summary>
    public static TestCertificates Create(string directory)
    {
        var made = new TestCertificates(directory);
        System.IO.Directory.CreateDirectory(directory);
        System.IO.Directory.CreateDirectory(made.CaDirectory);
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var ca = SelfSignedCa("CN=Curlew Test CA, O=Curlew", caKey, now);
        File.WriteAllText(made.CaFile, ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(made.CaDirectory, "curlew-ca.pem"), ca.ExportCertificatePem());
        using (var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        using (var other = SelfSignedCa("CN=Curlew Other CA", otherKey, now))
            File.WriteAllText(made.OtherCaFile, other.ExportCertificatePem());

        made.WriteServer("server", ca, ["localhost"], [IPAddress.Loopback, IPAddress.IPv6Loopback], now.AddDays(-1), now.AddDays(30));
        made.WriteServer("wronghost", ca, ["wrong.example"], [], now.AddDays(-1), now.AddDays(30));
        made.WriteServer("expired", ca, ["localhost"], [IPAddress.Loopback], now.AddDays(-30), now.AddDays(-2));
        made.WriteClient(ca, now);
        return made;
    }

    private static X509Certificate2 SelfSignedCa(string name, ECDsa key, DateTimeOffset now)
    {
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(now.AddDays(-60), now.AddYears(1));
    }

    private void WriteServer(string name, X509Certificate2 ca, string[] dns, IPAddress[] ips, DateTimeOffset from, DateTimeOffset until)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dns[0]}, O=Curlew tests", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var d in dns) names.AddDnsName(d);
        foreach (var ip in ips) names.AddIpAddress(ip);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var cert = request.Create(ca, from, until, Serial());
        File.WriteAllText(CertFile(name), cert.ExportCertificatePem());
        File.WriteAllText(KeyFile(name), key.ExportPkcs8PrivateKeyPem());
        if (name != "server") return;
        File.WriteAllText(ServerPublicKeyFile, key.ExportSubjectPublicKeyInfoPem());
        ServerKeySha256 = Convert.ToBase64String(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }

    private void WriteClient(X509Certificate2 ca, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=curlew-client, O=Curlew tests", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var cert = request.Create(ca, now.AddDays(-1), now.AddDays(30), Serial());
        File.WriteAllText(ClientCert, cert.ExportCertificatePem());
        File.WriteAllText(ClientKey, key.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(ClientKeyEncrypted, key.ExportEncryptedPkcs8PrivateKeyPem(ClientPassword,
            new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 2048)));
        File.WriteAllBytes(ClientDer, cert.RawData);
        using var withKey = cert.CopyWithPrivateKey(key);
        File.WriteAllBytes(ClientP12, withKey.Export(X509ContentType.Pkcs12, ClientPassword));
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(12);
        serial[0] &= 0x7F;   // a positive serial
        return serial;
    }
}
