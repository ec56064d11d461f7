using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Connect.Tls;

/// <summary>
/// The SslStream client options for one connection of a route: SNI and name check against the URL's host (the
/// TLS library sends no SNI for an IP literal, as curl), ALPN offering http/1.1 for https, the versions of
/// CURLOPT_SSLVERSION, the trust roots, the client certificate and the verifier that judges the peer.
/// </summary>
internal static class TlsClientOptions
{
    public static SslClientAuthenticationOptions For(Route route, TlsSettings tls, PeerVerifier verifier)
    {
        var options = new SslClientAuthenticationOptions
        {
            TargetHost = route.Host,
            EnabledSslProtocols = TlsVersions.For(tls.Version),
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            CertificateChainPolicy = TrustStore.PolicyFor(tls),
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => verifier.Validate(certificate, chain, errors),
            AllowTlsResume = tls.SessionIdCache,   // CURLOPT_SSL_SESSIONID_CACHE; .NET keeps the sessions process-wide, per host
        };
        if (route.Scheme == "https") options.ApplicationProtocols = [SslApplicationProtocol.Http11];
        if (ClientCertificate.Load(tls) is { } mine)
        {
            options.ClientCertificates = [mine];
            options.LocalCertificateSelectionCallback = (_, _, _, _, _) => mine;
        }
        return options;
    }
}
