using System.Security.Authentication;

namespace Curlew.Connect.Tls;

/// <summary>
/// CURLOPT_SSLVERSION as the protocol set offered: the low 16 bits the minimum (0 = default, TLS 1.2; 1 = TLSv1, any
/// TLS; 4-7 = TLS 1.0-1.3), bits 16-31 the maximum (0 or CURL_SSLVERSION_MAX_DEFAULT = the newest, else 4-7 shifted).
/// The system's TLS library may still refuse old versions it was built or configured without.
/// </summary>
internal static class TlsVersions
{
    private const long Default = 0, AnyTls = 1, Tls10 = 4, Tls13 = 7, MaxDefault = 1;

    public static SslProtocols For(long sslVersion)
    {
        long min = sslVersion & 0xFFFF, max = (sslVersion >> 16) & 0xFFFF;
        long low = min switch { Default => 6, AnyTls => Tls10, _ => min };
        long high = max is 0 or MaxDefault ? Tls13 : max;
        if (high < low)
            throw new CurlException(CurlCode.SslConnectError, "CURL_SSLVERSION_MAX incompatible with CURL_SSLVERSION");
        var protocols = SslProtocols.None;
        for (long v = low; v <= high; v++) protocols |= Of(v);
        return protocols;
    }

#pragma warning disable SYSLIB0039   // TLS 1.0 and 1.1 only when the caller asks for them, as libcurl allows
    private static SslProtocols Of(long version) => version switch
    {
        4 => SslProtocols.Tls,
        5 => SslProtocols.Tls11,
        6 => SslProtocols.Tls12,
        _ => SslProtocols.Tls13,
    };
#pragma warning restore SYSLIB0039

    /// <summary>The name curl prints for a negotiated version ("TLSv1.3").</summary>
    public static string Name(SslProtocols protocol) => protocol switch
    {
        SslProtocols.Tls13 => "TLSv1.3",
        SslProtocols.Tls12 => "TLSv1.2",
#pragma warning disable SYSLIB0039
        SslProtocols.Tls11 => "TLSv1.1",
        SslProtocols.Tls => "TLSv1.0",
#pragma warning restore SYSLIB0039
        _ => protocol.ToString(),
    };
}
