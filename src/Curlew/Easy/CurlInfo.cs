namespace Curlew;

/// <summary>
/// What <see cref="CurlEasy.GetInfo"/> (or <see cref="CurlEasy.GetInfoLong"/>, <see cref="CurlEasy.GetInfoString"/>,
/// <see cref="CurlEasy.GetInfoDouble"/>) can report about the last transfer; names and numbers equal libcurl's
/// <c>CURLINFO_*</c>, and the type is in the number's high bits (0x100000 string, 0x200000 long, 0x300000 double,
/// 0x600000 off_t, read as long). Before any transfer, and after a perform starts, numbers are 0 and strings null
/// unless a member says otherwise.
/// </summary>
public enum CurlInfo
{
    /// <summary>CURLINFO_EFFECTIVE_URL (string): the last URL used, after redirects; the URL as given when it did not parse.</summary>
    EffectiveUrl = 0x100000 + 1,
    /// <summary>CURLINFO_RESPONSE_CODE (long): the last HTTP status received (0 when none).</summary>
    ResponseCode = 0x200000 + 2,
    /// <summary>CURLINFO_TOTAL_TIME (double): seconds the whole transfer took.</summary>
    TotalTime = 0x300000 + 3,
    /// <summary>CURLINFO_NAMELOOKUP_TIME (double): seconds until name resolution was done.</summary>
    NameLookupTime = 0x300000 + 4,
    /// <summary>CURLINFO_CONNECT_TIME (double): seconds until the connection was made.</summary>
    ConnectTime = 0x300000 + 5,
    /// <summary>CURLINFO_HEADER_SIZE (long): bytes of response headers received, all responses together.</summary>
    HeaderSize = 0x200000 + 11,
    /// <summary>CURLINFO_REQUEST_SIZE (long): bytes of request heads sent.</summary>
    RequestSize = 0x200000 + 12,
    /// <summary>CURLINFO_FILETIME (long): the remote file's time in seconds since 1970 (with <see cref="CurlOption.Filetime"/>; FTP MDTM), -1 when unknown.</summary>
    Filetime = 0x200000 + 14,
    /// <summary>CURLINFO_FILETIME_T (off_t): the same as <see cref="Filetime"/>.</summary>
    FiletimeT = 0x600000 + 14,
    /// <summary>CURLINFO_CONTENT_TYPE (string): the last response's Content-Type, null when it had none.</summary>
    ContentType = 0x100000 + 18,
    /// <summary>CURLINFO_REDIRECT_COUNT (long): how many redirects were followed.</summary>
    RedirectCount = 0x200000 + 20,
    /// <summary>CURLINFO_HTTP_CONNECTCODE (long): the HTTP proxy's status code answering the last CONNECT (0 when none was sent).</summary>
    HttpConnectCode = 0x200000 + 22,
    /// <summary>CURLINFO_OS_ERRNO (long): the OS error of the last failed connect or I/O.</summary>
    OsErrno = 0x200000 + 25,
    /// <summary>CURLINFO_NUM_CONNECTS (long): new connections the last transfer made (0 when it reused a cached one).</summary>
    NumConnects = 0x200000 + 26,
    /// <summary>CURLINFO_REDIRECT_URL (string): where a redirect would have gone when it was not followed.</summary>
    RedirectUrl = 0x100000 + 31,
    /// <summary>CURLINFO_PRIMARY_IP (string): the address last connected to (after an open-socket callback's rewrite).</summary>
    PrimaryIp = 0x100000 + 32,
    /// <summary>CURLINFO_PRIMARY_PORT (long): the port last connected to.</summary>
    PrimaryPort = 0x200000 + 40,
    /// <summary>CURLINFO_LOCAL_IP (string): the local address of the last connection.</summary>
    LocalIp = 0x100000 + 41,
    /// <summary>CURLINFO_LOCAL_PORT (long): the local port of the last connection.</summary>
    LocalPort = 0x200000 + 42,
    /// <summary>CURLINFO_HTTP_VERSION (long): 2 for HTTP/1.1 (CURL_HTTP_VERSION_1_1), 1 for 1.0.</summary>
    HttpVersion = 0x200000 + 46,
    /// <summary>CURLINFO_SCHEME (string): the last URL's scheme in upper case ("HTTP").</summary>
    Scheme = 0x100000 + 49,
    /// <summary>CURLINFO_SIZE_UPLOAD_T (off_t): body bytes sent.</summary>
    SizeUploadT = 0x600000 + 7,
    /// <summary>CURLINFO_SIZE_DOWNLOAD_T (off_t): body bytes received in the last response.</summary>
    SizeDownloadT = 0x600000 + 8,
    /// <summary>CURLINFO_SPEED_DOWNLOAD_T (off_t): average download speed in bytes per second.</summary>
    SpeedDownloadT = 0x600000 + 9,
    /// <summary>CURLINFO_CONTENT_LENGTH_DOWNLOAD_T (off_t): the last response's Content-Length; -1 when unknown (also before a transfer).</summary>
    ContentLengthDownloadT = 0x600000 + 15,
    /// <summary>CURLINFO_TOTAL_TIME_T (off_t): microseconds the whole transfer took.</summary>
    TotalTimeT = 0x600000 + 50,
    /// <summary>CURLINFO_CONNECT_TIME_T (off_t): microseconds until the connection was made.</summary>
    ConnectTimeT = 0x600000 + 52,
    /// <summary>CURLINFO_EFFECTIVE_METHOD (string): the method of the last request sent ("GET", "POST"...).</summary>
    EffectiveMethod = 0x100000 + 58,
    /// <summary>CURLINFO_SSL_VERIFYRESULT (long): the certificate verification result (0 = verified). Always 0 until HTTPS lands.</summary>
    SslVerifyResult = 0x200000 + 13,
    /// <summary>CURLINFO_APPCONNECT_TIME_T (off_t): microseconds until the TLS (or other application) handshake was done. Always 0 until HTTPS lands (libcurl gives 0 without one too).</summary>
    AppConnectTimeT = 0x600000 + 56,
    /// <summary>CURLINFO_PRETRANSFER_TIME_T (off_t): microseconds until the transfer was about to begin. Not measured yet: <see cref="CurlEasy.GetInfo"/> returns null, <see cref="CurlEasy.GetInfoLong"/> 0.</summary>
    PreTransferTimeT = 0x600000 + 53,
    /// <summary>CURLINFO_STARTTRANSFER_TIME_T (off_t): microseconds until the first byte of the response arrived. Not measured yet: <see cref="CurlEasy.GetInfo"/> returns null, <see cref="CurlEasy.GetInfoLong"/> 0.</summary>
    StartTransferTimeT = 0x600000 + 54,
    /// <summary>CURLINFO_REDIRECT_TIME_T (off_t): microseconds spent in redirect steps before the final transfer. Not measured yet: <see cref="CurlEasy.GetInfo"/> returns null, <see cref="CurlEasy.GetInfoLong"/> 0.</summary>
    RedirectTimeT = 0x600000 + 55,
    /// <summary>CURLINFO_NAMELOOKUP_TIME_T (off_t): microseconds until name resolution was done.</summary>
    NameLookupTimeT = 0x600000 + 51,
    /// <summary>CURLINFO_PRETRANSFER_TIME: seconds until the transfer was about to begin (double form of PreTransferTimeT).</summary>
    PreTransferTime = 0x300000 + 6,
    /// <summary>CURLINFO_STARTTRANSFER_TIME: seconds until the first response byte (double form of StartTransferTimeT).</summary>
    StartTransferTime = 0x300000 + 17,
    /// <summary>CURLINFO_REDIRECT_TIME: seconds spent in redirect steps (double form of RedirectTimeT).</summary>
    RedirectTime = 0x300000 + 19,
    /// <summary>CURLINFO_APPCONNECT_TIME: seconds until the TLS handshake was done (double form of AppConnectTimeT; 0 without TLS).</summary>
    AppConnectTime = 0x300000 + 33,
    /// <summary>CURLINFO_SPEED_UPLOAD_T: average upload speed of the last transfer, bytes per second.</summary>
    SpeedUploadT = 0x600000 + 10,
}
