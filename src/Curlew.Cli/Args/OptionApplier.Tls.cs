namespace Curlew.Cli.Args;

/// <summary>The TLS flags that need more than storing their argument: -E's pass phrase, versions, ignored flags.</summary>
internal static partial class OptionApplier
{
    // libcurl's CURL_SSLVERSION_* minimums and CURL_SSLVERSION_MAX_* maximums (the latter live in bits 16-31).
    private const long TlsAny = 1, Tls10 = 4, Tls11 = 5;
    private const int MaxShift = 16;
    private const long MaxDefault = 1L << MaxShift;

    private static bool TryApplyTlsOption(CliOptions o, string name, string a, bool on, out string? problem)
    {
        problem = null;
        switch (name)
        {
            case "cert":
                var (file, password) = CertParameter.Split(a);
                o.Cert = file;
                if (password != null) o.KeyPassword = password;
                return true;
            case "cert-type": o.CertType = a; return true;
            case "pass": o.KeyPassword = a; return true;
            case "tlsv1": o.SslVersion = TlsAny; return true;
            case "tlsv1.0": o.SslVersion = Tls10; return true;
            case "tlsv1.1": o.SslVersion = Tls11; return true;
            case "tls-max":
                problem = TlsMax(o, a);
                return true;
            case "sslv2" or "sslv3":
                // curl 7.88 ignores these old protocols with a warning that comes before a later -s can hide it.
                if (!o.Silent) o.Warnings.Add($"Warning: Ignores instruction to use {(name == "sslv2" ? "SSLv2" : "SSLv3")}\n");
                return true;
            // Revocation and automatic client certificates are Schannel-only in curl; with OpenSSL they change nothing.
            case "ssl-no-revoke" or "ssl-revoke-best-effort" or "ssl-auto-client-cert":
                return true;
            default: return false;
        }
    }

    private static string? TlsMax(CliOptions o, string a)
    {
        long? max = a switch
        {
            "default" => MaxDefault,
            "1.0" => 4L << MaxShift,
            "1.1" => 5L << MaxShift,
            "1.2" => 6L << MaxShift,
            "1.3" => 7L << MaxShift,
            _ => null,
        };
        if (max == null) return BadlyUsed;
        o.SslVersionMax = max;
        return null;
    }
}
