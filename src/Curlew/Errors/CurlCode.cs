namespace Curlew;

/// <summary>Result codes of a transfer; the numbers equal libcurl's <c>CURLcode</c> so knowledge ports both ways.</summary>
public enum CurlCode
{
    /// <summary>All fine.</summary>
    Ok = 0,
    /// <summary>The URL's scheme is not supported.</summary>
    UnsupportedProtocol = 1,
    /// <summary>Very early initialization failed.</summary>
    FailedInit = 2,
    /// <summary>The URL was not properly formatted.</summary>
    UrlMalformat = 3,
    /// <summary>A requested feature is not built in.</summary>
    NotBuiltIn = 4,
    /// <summary>The proxy host name could not be resolved.</summary>
    CouldntResolveProxy = 5,
    /// <summary>The remote host name could not be resolved.</summary>
    CouldntResolveHost = 6,
    /// <summary>Failed to connect to the host or proxy (or the open-socket callback refused).</summary>
    CouldntConnect = 7,
    /// <summary>The server sent data Curlew could not parse.</summary>
    WeirdServerReply = 8,
    /// <summary>Access to the resource was denied by the server.</summary>
    RemoteAccessDenied = 9,
    /// <summary>The FTP server's connection to the active-mode listener failed.</summary>
    FtpAcceptFailed = 10,
    /// <summary>Unexpected reply to the FTP password.</summary>
    FtpWeirdPassReply = 11,
    /// <summary>Timed out waiting for the FTP server to connect back.</summary>
    FtpAcceptTimeout = 12,
    /// <summary>Unexpected reply to PASV or EPSV.</summary>
    FtpWeirdPasvReply = 13,
    /// <summary>The 227 reply had an unexpected format.</summary>
    FtpWeird227Format = 14,
    /// <summary>The host in the 227 reply could not be used.</summary>
    FtpCantGetHost = 15,
    /// <summary>A problem in the HTTP/2 framing layer.</summary>
    Http2 = 16,
    /// <summary>FTP TYPE could not be set.</summary>
    FtpCouldntSetType = 17,
    /// <summary>The transfer ended before all expected bytes arrived.</summary>
    PartialFile = 18,
    /// <summary>FTP RETR failed.</summary>
    FtpCouldntRetrFile = 19,
    /// <summary>A quote command failed.</summary>
    QuoteError = 21,
    /// <summary>The HTTP server returned an error status and <see cref="CurlOption.FailOnError"/> is set.</summary>
    HttpReturnedError = 22,
    /// <summary>The write callback or destination did not take all the data.</summary>
    WriteError = 23,
    /// <summary>The upload failed to start.</summary>
    UploadFailed = 25,
    /// <summary>Reading the upload data failed.</summary>
    ReadError = 26,
    /// <summary>Out of memory.</summary>
    OutOfMemory = 27,
    /// <summary>The timeout was reached.</summary>
    OperationTimedout = 28,
    /// <summary>FTP PORT/EPRT failed.</summary>
    FtpPortFailed = 30,
    /// <summary>FTP REST failed.</summary>
    FtpCouldntUseRest = 31,
    /// <summary>The server does not support or accept the requested range.</summary>
    RangeError = 33,
    /// <summary>An internal POST error.</summary>
    HttpPostError = 34,
    /// <summary>The TLS handshake failed.</summary>
    SslConnectError = 35,
    /// <summary>A download could not be resumed.</summary>
    BadDownloadResume = 36,
    /// <summary>A file given with file:// could not be read.</summary>
    FileCouldntReadFile = 37,
    /// <summary>A function was not found.</summary>
    FunctionNotFound = 41,
    /// <summary>A callback aborted the transfer (or threw).</summary>
    AbortedByCallback = 42,
    /// <summary>A function was called with a bad argument.</summary>
    BadFunctionArgument = 43,
    /// <summary>A network interface could not be used.</summary>
    InterfaceFailed = 45,
    /// <summary>Too many redirects.</summary>
    TooManyRedirects = 47,
    /// <summary>An option is not known or not supported.</summary>
    UnknownOption = 48,
    /// <summary>Malformed option syntax.</summary>
    SetOptOptionSyntax = 49,
    /// <summary>The server closed the connection without sending anything.</summary>
    GotNothing = 52,
    /// <summary>Sending data failed.</summary>
    SendError = 55,
    /// <summary>Receiving data failed.</summary>
    RecvError = 56,
    /// <summary>Problem with the local client certificate.</summary>
    SslCertProblem = 58,
    /// <summary>The peer's certificate or fingerprint was not accepted.</summary>
    PeerFailedVerification = 60,
    /// <summary>Unrecognized content encoding.</summary>
    BadContentEncoding = 61,
    /// <summary>The maximum file size was exceeded.</summary>
    FilesizeExceeded = 63,
    /// <summary>The data to send had to be rewound and could not be.</summary>
    SendFailRewind = 65,
    /// <summary>The login was denied.</summary>
    LoginDenied = 67,
    /// <summary>The CA certificate file could not be read.</summary>
    SslCacertBadfile = 77,
    /// <summary>The remote file was not found.</summary>
    RemoteFileNotFound = 78,
    /// <summary>An API function was called from within a callback.</summary>
    RecursiveApiCall = 93,
    /// <summary>An authentication function failed.</summary>
    AuthError = 94,
    /// <summary>A proxy handshake failed.</summary>
    Proxy = 97,
    /// <summary>A limit was exceeded (for example response headers too large).</summary>
    TooLarge = 100,
}
