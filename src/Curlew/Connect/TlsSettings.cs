namespace Curlew.Connect;

/// <summary>
/// Every TLS option a transfer sets, as one value: part of the <see cref="Route"/> of a TLS connection, so a
/// connection made with one verification policy or client certificate is never reused under another.
/// </summary>
/// <param name="VerifyPeer">CURLOPT_SSL_VERIFYPEER.</param>
/// <param name="VerifyHost">CURLOPT_SSL_VERIFYHOST (0 or 2).</param>
/// <param name="CaInfo">CURLOPT_CAINFO: a CA bundle file.</param>
/// <param name="CaPath">CURLOPT_CAPATH: a directory of CA certificates.</param>
/// <param name="Cert">CURLOPT_SSLCERT: the client certificate.</param>
/// <param name="CertType">CURLOPT_SSLCERTTYPE ("PEM", "DER", "P12").</param>
/// <param name="Key">CURLOPT_SSLKEY: the client certificate's private key.</param>
/// <param name="KeyPassword">CURLOPT_KEYPASSWD.</param>
/// <param name="PinnedPublicKey">CURLOPT_PINNEDPUBLICKEY.</param>
/// <param name="Version">CURLOPT_SSLVERSION (libcurl's CURL_SSLVERSION_* value).</param>
/// <param name="SessionIdCache">CURLOPT_SSL_SESSIONID_CACHE: whether a new handshake may resume a kept session.</param>
internal sealed record TlsSettings(bool VerifyPeer, long VerifyHost, string? CaInfo, string? CaPath, string? Cert,
    string? CertType, string? Key, string? KeyPassword, string? PinnedPublicKey, long Version, bool SessionIdCache = true);
