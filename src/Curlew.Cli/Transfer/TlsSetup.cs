using Curlew.Cli.Args;

namespace Curlew.Cli.Transfer;

/// <summary>The TLS options that combine flags: the version range and the certificate's type and pass phrase.</summary>
internal static class TlsSetup
{
    public static void Apply(CurlEasy easy, CliOptions o)
    {
        // curl hands libcurl one value: the minimum in the low bits, the maximum (--tls-max) in bits 16-31.
        if (o.SslVersion != null || o.SslVersionMax != null)
            easy.SetOpt(CurlOption.SslVersion, (o.SslVersion ?? 0) | (o.SslVersionMax ?? 0));
        if (o.CertType != null) easy.SetOpt(CurlOption.SslCertType, o.CertType);
        if (o.KeyPassword != null) easy.SetOpt(CurlOption.KeyPasswd, o.KeyPassword);
    }
}
