using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Tour;

/// <summary>
/// A private certificate authority made for this run and a server certificate it signed for 127.0.0.1, so the tour can
/// show HTTPS with verification on, without touching the system trust store or the internet. The CA is written to a
/// PEM file (what <c>CaInfo</c> takes), deleted again at the end.
/// </summary>
internal sealed class TourCertificates : IDisposable
{
    private TourCertificates(X509Certificate2 server, string caFile)
    {
        Server = server;
        CaFile = caFile;
    }

    /// <summary>The server's certificate with its private key, for Kestrel.</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The CA certificate as a PEM file.</summary>
    public string CaFile { get; }

    public static TourCertificates Create()
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Curlew tour CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);   // an IP literal is checked against IP SANs, as curl does
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        var server = signed.CopyWithPrivateKey(serverKey);

        string caFile = Path.Combine(Path.GetTempPath(), $"curlew-tour-ca-{Environment.ProcessId}.pem");
        File.WriteAllText(caFile, ca.ExportCertificatePem());
        return new TourCertificates(server, caFile);
    }

    public void Dispose()
    {
        Server.Dispose();
        File.Delete(CaFile);
    }
}
