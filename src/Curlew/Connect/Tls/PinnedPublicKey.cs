using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Curlew.Connect.Tls;

/// <summary>
/// CURLOPT_PINNEDPUBLICKEY: the peer's public key (its SubjectPublicKeyInfo) must be one of a list of
/// "sha256//BASE64" hashes separated by ';', or the key in a PEM or DER public-key file. Checked after verification
/// and also with verification off, as libcurl does; a mismatch is SslPinnedPubKeyNotMatch (90).
/// </summary>
internal static class PinnedPublicKey
{
    private const string Sha256Prefix = "sha256//";

    /// <summary>Null when the peer's key matches the pin; otherwise the failure to report.</summary>
    public static CurlException? Check(string pin, X509Certificate2 peer)
    {
        byte[] spki = peer.PublicKey.ExportSubjectPublicKeyInfo();
        bool matches = pin.StartsWith(Sha256Prefix, StringComparison.Ordinal) ? MatchesHashList(pin, spki) : MatchesKeyFile(pin, spki);
        return matches ? null : new CurlException(CurlCode.SslPinnedPubKeyNotMatch, "SSL: public key does not match pinned public key");
    }

    private static bool MatchesHashList(string pins, byte[] spki)
    {
        string ours = Convert.ToBase64String(SHA256.HashData(spki));
        foreach (var entry in pins.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry.StartsWith(Sha256Prefix, StringComparison.Ordinal) && entry.AsSpan(Sha256Prefix.Length).SequenceEqual(ours))
                return true;
        }
        return false;
    }

    private static bool MatchesKeyFile(string path, byte[] spki)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException) { return false; }
        if (file.AsSpan().SequenceEqual(spki)) return true;   // DER
        string text = System.Text.Encoding.ASCII.GetString(file);
        if (!PemEncoding.TryFind(text, out var fields) || text[fields.Label] != "PUBLIC KEY") return false;
        try { return Convert.FromBase64String(text[fields.Base64Data]).AsSpan().SequenceEqual(spki); }
        catch (FormatException) { return false; }
    }
}
