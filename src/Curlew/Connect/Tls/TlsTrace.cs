using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Curlew.Diagnostics;

namespace Curlew.Connect.Tls;

/// <summary>The TLS lines of the verbose trace, worded like curl's -v (what was offered, what was agreed, the server's certificate).</summary>
internal static class TlsTrace
{
    public static void Offering(TransferEvents events, Route route, TlsSettings tls)
    {
        if (!events.Enabled) return;
        if (route.Scheme == "https") events.Info("ALPN: offers http/1.1");
        if (!tls.VerifyPeer) return;
        events.Info($" CAfile: {tls.CaInfo ?? "none (the system trust store)"}");
        events.Info($" CApath: {tls.CaPath ?? "none"}");
    }

    public static void Connected(TransferEvents events, SslStream ssl, PeerVerifier verifier, TlsSettings tls, string host)
    {
        if (!events.Enabled) return;
        events.Info($"SSL connection using {TlsVersions.Name(ssl.SslProtocol)} / {ssl.NegotiatedCipherSuite}");
        if (!ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty) events.Info($"ALPN: server accepted {ssl.NegotiatedApplicationProtocol}");
        else events.Info("ALPN: server did not agree on a protocol. Uses default.");
        if (verifier.Peer is not { } peer) return;
        events.Info("Server certificate:");
        events.Info($" subject: {Name(peer.SubjectName)}");
        events.Info($" start date: {Date(peer.NotBefore)}");
        events.Info($" expire date: {Date(peer.NotAfter)}");
        if (tls.VerifyHost != 0) events.Info($" subjectAltName: host \"{host}\" matched cert's {MatchedName(peer, host)}");
        events.Info($" issuer: {Name(peer.IssuerName)}");
        events.Info(verifier.VerifyResult == 0 ? " SSL certificate verify ok."
            : $" SSL certificate verify result: {verifier.VerifyResult}, continuing anyway.");
    }

    // As curl words it: "IP address!" for an IP literal, else the certificate's DNS name that matched (maybe a wildcard).
    private static string MatchedName(X509Certificate2 peer, string host)
    {
        if (System.Net.IPAddress.TryParse(host, out _)) return "IP address!";
        foreach (var extension in peer.Extensions)
        {
            if (extension is not X509SubjectAlternativeNameExtension names) continue;
            foreach (var name in names.EnumerateDnsNames())
            {
                if (string.Equals(name, host, StringComparison.OrdinalIgnoreCase)) return $"\"{name}\"";
                if (name.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(name[1..], StringComparison.OrdinalIgnoreCase)) return $"\"{name}\"";
            }
        }
        return $"\"{host}\"";
    }

    // curl prints a name's parts in their encoded order (country first), separated by "; ".
    private static string Name(X500DistinguishedName name) =>
        string.Join("; ", name.Decode(X500DistinguishedNameFlags.UseSemicolons)
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    // "Dec  1 00:15:00 2026 GMT", as OpenSSL's ASN1_TIME_print.
    private static string Date(DateTime local)
    {
        var utc = local.ToUniversalTime();
        return string.Create(CultureInfo.InvariantCulture, $"{utc:MMM} {utc.Day,2} {utc:HH:mm:ss yyyy} GMT");
    }
}
