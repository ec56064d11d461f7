namespace Curlew;

/// <summary>The kinds of data a <see cref="CurlShare"/> can share (libcurl's <c>curl_lock_data</c>, same numbers).</summary>
public enum CurlLockData
{
    /// <summary>CURL_LOCK_DATA_NONE: nothing (libcurl refuses it as an option value).</summary>
    None = 0,
    /// <summary>CURL_LOCK_DATA_SHARE: the share's own bookkeeping (a lock name only; refused as an option value).</summary>
    Share = 1,
    /// <summary>CURL_LOCK_DATA_COOKIE: the cookie jar. Curlew has no cookie engine: <see cref="CurlShCode.NotBuiltIn"/>.</summary>
    Cookie = 2,
    /// <summary>CURL_LOCK_DATA_DNS: the name-resolve cache. Accepted; Curlew keeps no resolve cache, so there is nothing to share.</summary>
    Dns = 3,
    /// <summary>CURL_LOCK_DATA_SSL_SESSION: TLS session tickets. Accepted; .NET's TLS layer already resumes sessions process-wide.</summary>
    SslSession = 4,
    /// <summary>CURL_LOCK_DATA_CONNECT: the connection cache. Attached handles take idle connections from one shared pool.</summary>
    Connect = 5,
    /// <summary>CURL_LOCK_DATA_PSL: the public suffix list. Curlew has none: <see cref="CurlShCode.NotBuiltIn"/>.</summary>
    Psl = 6,
    /// <summary>CURL_LOCK_DATA_HSTS: the HSTS cache. Curlew has none: <see cref="CurlShCode.NotBuiltIn"/>.</summary>
    Hsts = 7,
}
