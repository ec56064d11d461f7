namespace Curlew.Connect;

/// <summary>What <see cref="ConnectionFilter.Query"/> can be asked about a connection (for -v and write-out).</summary>
internal enum FilterQuery
{
    /// <summary>The protocol agreed by ALPN, e.g. "http/1.1".</summary>
    Alpn,
    /// <summary>The TLS version in use, e.g. "TLSv1.3".</summary>
    TlsVersion,
    /// <summary>The TLS cipher suite in use.</summary>
    TlsCipher,
}
