using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Connect.Tls;

/// <summary>
/// Judges the server's certificate once the TLS library built its chain: the chain must end in a trusted root and be
/// valid now (CURLOPT_SSL_VERIFYPEER), the URL's host must be one of its DNS or IP names (CURLOPT_SSL_VERIFYHOST), and
/// its key must match CURLOPT_PINNEDPUBLICKEY. Each check goes its own way, as in libcurl: -k turns off the first two,
/// never the pin. Records OpenSSL's verify result number for CURLINFO_SSL_VERIFYRESULT and curl's wording of a failure.
/// </summary>
internal sealed class PeerVerifier(TlsSettings tls, string host)
{
    /// <summary>
    /// OpenSSL's X509_V_* result of the chain check (0 = ok) for CURLINFO_SSL_VERIFYRESULT, reported even when the check
    /// was off. As in libcurl it stays 1 ("not verified") when the connection failed before the result was taken: a
    /// failed handshake, or a host name that did not match (libcurl checks the name first).
    /// </summary>
    public long VerifyResult { get; private set; } = NotVerified;

    private const long NotVerified = 1;

    /// <summary>Why the peer was refused; null while it was not.</summary>
    public CurlException? Failure { get; private set; }

    /// <summary>The server's certificate as it was presented, for the verbose trace.</summary>
    public X509Certificate2? Peer { get; private set; }

    public bool Validate(X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return Refuse(new CurlException(CurlCode.PeerFailedVerification, "SSL: couldn't get peer certificate"));
        Peer = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        var (chainResult, chainProblem) = errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) ? ChainProblem(chain) : (0, null);
        if (tls.VerifyPeer && chainProblem is not null)
        {
            VerifyResult = chainResult;
            return Refuse(new CurlException(CurlCode.PeerFailedVerification, $"SSL certificate problem: {chainProblem}"));
        }
        if (tls.VerifyHost != 0 && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return Refuse(new CurlException(CurlCode.PeerFailedVerification,
                $"SSL: no alternative certificate subject name matches target host name '{host}'"));
        VerifyResult = chainResult;
        if (tls.PinnedPublicKey is { Length: > 0 } pin && PinnedPublicKey.Check(pin, Peer) is { } mismatch)
            return Refuse(mismatch);
        return true;
    }

    private bool Refuse(CurlException failure)
    {
        Failure = failure;
        return false;
    }

    // The first problem OpenSSL would meet walking up from the leaf: a missing or untrusted issuer before dates.
    private static (long Code, string? Text) ChainProblem(X509Chain? chain)
    {
        var flags = X509ChainStatusFlags.NoError;
        if (chain is not null) foreach (var status in chain.ChainStatus) flags |= status.Status;
        int length = chain?.ChainElements.Count ?? 0;
        if (flags.HasFlag(X509ChainStatusFlags.PartialChain)) return (20, "unable to get local issuer certificate");
        if (flags.HasFlag(X509ChainStatusFlags.UntrustedRoot))
            return length <= 1 ? (18, "self-signed certificate") : (19, "self-signed certificate in certificate chain");
        if (flags.HasFlag(X509ChainStatusFlags.NotSignatureValid)) return (7, "certificate signature failure");
        if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid)) return NotYetValid(chain!) ? (9, "certificate is not yet valid") : (10, "certificate has expired");
        if (flags.HasFlag(X509ChainStatusFlags.Revoked)) return (23, "certificate revoked");
        if (flags.HasFlag(X509ChainStatusFlags.InvalidBasicConstraints)) return (24, "invalid CA certificate");
        if (flags.HasFlag(X509ChainStatusFlags.NotValidForUsage)) return (26, "unsupported certificate purpose");
        return (1, chain?.ChainStatus is [var first, ..] ? first.StatusInformation.Trim() : "unable to verify the certificate chain");
    }

    private static bool NotYetValid(X509Chain chain)
    {
        foreach (var element in chain.ChainElements)
            if (element.Certificate.NotBefore > DateTime.Now) return true;
        return false;
    }
}
