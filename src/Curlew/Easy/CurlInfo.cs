namespace Curlew;

/// <summary>What <see cref="CurlEasy.GetInfo"/> can report; numbers equal libcurl's <c>CURLINFO_*</c> (the type is in the high bits).</summary>
public enum CurlInfo
{
    /// <summary>CURLINFO_EFFECTIVE_URL (string): the last URL used.</summary>
    EffectiveUrl = 0x100000 + 1,
    /// <summary>CURLINFO_RESPONSE_CODE (long): the last HTTP status.</summary>
    ResponseCode = 0x200000 + 2,
    /// <summary>CURLINFO_TOTAL_TIME (double seconds).</summary>
    TotalTime = 0x300000 + 3,
    /// <summary>CURLINFO_NAMELOOKUP_TIME (double seconds).</summary>
    NameLookupTime = 0x300000 + 4,
    /// <summary>CURLINFO_CONNECT_TIME (double seconds).</summary>
    ConnectTime = 0x300000 + 5,
    /// <summary>CURLINFO_HEADER_SIZE (long): bytes of headers received.</summary>
    HeaderSize = 0x200000 + 11,
    /// <summary>CURLINFO_REQUEST_SIZE (long): bytes of request sent.</summary>
    RequestSize = 0x200000 + 12,
    /// <summary>CURLINFO_CONTENT_TYPE (string).</summary>
    ContentType = 0x100000 + 18,
    /// <summary>CURLINFO_REDIRECT_COUNT (long).</summary>
    RedirectCount = 0x200000 + 20,
    /// <summary>CURLINFO_OS_ERRNO (long): the OS error of the last failed connect or I/O.</summary>
    OsErrno = 0x200000 + 25,
    /// <summary>CURLINFO_NUM_CONNECTS (long): new connections made by the last transfer.</summary>
    NumConnects = 0x200000 + 26,
    /// <summary>CURLINFO_REDIRECT_URL (string): where a redirect would go.</summary>
    RedirectUrl = 0x100000 + 31,
    /// <summary>CURLINFO_PRIMARY_IP (string).</summary>
    PrimaryIp = 0x100000 + 32,
    /// <summary>CURLINFO_PRIMARY_PORT (long).</summary>
    PrimaryPort = 0x200000 + 40,
    /// <summary>CURLINFO_LOCAL_IP (string).</summary>
    LocalIp = 0x100000 + 41,
    /// <summary>CURLINFO_LOCAL_PORT (long).</summary>
    LocalPort = 0x200000 + 42,
    /// <summary>CURLINFO_HTTP_VERSION (long): 2 for HTTP/1.1 (CURL_HTTP_VERSION_1_1), 1 for 1.0.</summary>
    HttpVersion = 0x200000 + 46,
    /// <summary>CURLINFO_SCHEME (string).</summary>
    Scheme = 0x100000 + 49,
    /// <summary>CURLINFO_SIZE_UPLOAD_T (long bytes).</summary>
    SizeUploadT = 0x600000 + 7,
    /// <summary>CURLINFO_SIZE_DOWNLOAD_T (long bytes).</summary>
    SizeDownloadT = 0x600000 + 8,
    /// <summary>CURLINFO_SPEED_DOWNLOAD_T (long bytes per second).</summary>
    SpeedDownloadT = 0x600000 + 9,
    /// <summary>CURLINFO_CONTENT_LENGTH_DOWNLOAD_T (long; -1 when unknown).</summary>
    ContentLengthDownloadT = 0x600000 + 15,
    /// <summary>CURLINFO_TOTAL_TIME_T (long microseconds).</summary>
    TotalTimeT = 0x600000 + 50,
    /// <summary>CURLINFO_CONNECT_TIME_T (long microseconds).</summary>
    ConnectTimeT = 0x600000 + 52,
    /// <summary>CURLINFO_EFFECTIVE_METHOD (string).</summary>
    EffectiveMethod = 0x100000 + 58,
    /// <summary>CURLINFO_SSL_VERIFYRESULT: the certificate verification result (0 = verified).</summary>
    SslVerifyResult = 0x200000 + 13,
    /// <summary>CURLINFO_APPCONNECT_TIME_T: microseconds until the TLS (or other application) handshake was done.</summary>
    AppConnectTimeT = 0x600000 + 56,
    /// <summary>CURLINFO_PRETRANSFER_TIME_T: microseconds until the transfer was about to begin.</summary>
    PreTransferTimeT = 0x600000 + 53,
    /// <summary>CURLINFO_STARTTRANSFER_TIME_T: microseconds until the first byte of the response arrived.</summary>
    StartTransferTimeT = 0x600000 + 54,
    /// <summary>CURLINFO_REDIRECT_TIME_T: microseconds spent in redirect steps before the final transfer.</summary>
    RedirectTimeT = 0x600000 + 55,
    /// <summary>CURLINFO_NAMELOOKUP_TIME_T: microseconds until name resolution was done.</summary>
    NameLookupTimeT = 0x600000 + 51,
}
