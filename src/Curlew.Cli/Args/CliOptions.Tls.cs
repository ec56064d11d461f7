namespace Curlew.Cli.Args;

/// <summary>The TLS settings beyond the plain file names: certificate type, pass phrase and the highest version.</summary>
internal sealed partial class CliOptions
{
    public string? CertType, KeyPassword;
    /// <summary>CURL_SSLVERSION_MAX_* (already shifted into bits 16-31), or null for libcurl's default.</summary>
    public long? SslVersionMax;
}
