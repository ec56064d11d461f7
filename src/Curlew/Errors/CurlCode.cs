namespace Curlew;

/// <summary>
/// Result codes of <see cref="CurlEasy.Perform"/> and <see cref="CurlEasy.SetOpt"/>; names and numbers equal libcurl's
/// <c>CURLcode</c> (<c>CURLE_*</c>) so knowledge ports both ways. <see cref="Curl.StrError"/> gives curl's text for each.
/// </summary>
public enum CurlCode
{
    /// <summary>CURLE_OK: the transfer (or the option change) succeeded.</summary>
    Ok = 0,
    /// <summary>CURLE_UNSUPPORTED_PROTOCOL: The URL's scheme is not supported.</summary>
    UnsupportedProtocol = 1,
    /// <summary>CURLE_FAILED_INIT: Very early initialization failed.</summary>
    FailedInit = 2,
    /// <summary>CURLE_URL_MALFORMAT: The URL was not properly formatted.</summary>
    UrlMalformat = 3,
    /// <summary>CURLE_NOT_BUILT_IN: A requested feature is not built in.</summary>
    NotBuiltIn = 4,
    /// <summary>CURLE_COULDNT_RESOLVE_PROXY: The proxy host name could not be resolved.</summary>
    CouldntResolveProxy = 5,
    /// <summary>CURLE_COULDNT_RESOLVE_HOST: The remote host name could not be resolved.</summary>
    CouldntResolveHost = 6,
    /// <summary>CURLE_COULDNT_CONNECT: Failed to connect to the host or proxy (or the open-socket callback refused).</summary>
    CouldntConnect = 7,
    /// <summary>CURLE_WEIRD_SERVER_REPLY: The server sent data Curlew could not parse.</summary>
    WeirdServerReply = 8,
    /// <summary>CURLE_REMOTE_ACCESS_DENIED: Access to the resource was denied by the server.</summary>
    RemoteAccessDenied = 9,
    /// <summary>CURLE_FTP_ACCEPT_FAILED: The FTP server's connection to the active-mode listener failed.</summary>
    FtpAcceptFailed = 10,
    /// <summary>CURLE_FTP_WEIRD_PASS_REPLY: Unexpected reply to the FTP password.</summary>
    FtpWeirdPassReply = 11,
    /// <summary>CURLE_FTP_ACCEPT_TIMEOUT: Timed out waiting for the FTP server to connect back.</summary>
    FtpAcceptTimeout = 12,
    /// <summary>CURLE_FTP_WEIRD_PASV_REPLY: Unexpected reply to PASV or EPSV.</summary>
    FtpWeirdPasvReply = 13,
    /// <summary>CURLE_FTP_WEIRD_227_FORMAT: The 227 reply had an unexpected format.</summary>
    FtpWeird227Format = 14,
    /// <summary>CURLE_FTP_CANT_GET_HOST: The host in the 227 reply could not be used.</summary>
    FtpCantGetHost = 15,
    /// <summary>CURLE_HTTP2: A problem in the HTTP/2 framing layer.</summary>
    Http2 = 16,
    /// <summary>CURLE_FTP_COULDNT_SET_TYPE: FTP TYPE could not be set.</summary>
    FtpCouldntSetType = 17,
    /// <summary>CURLE_PARTIAL_FILE: The transfer ended before all expected bytes arrived.</summary>
    PartialFile = 18,
    /// <summary>CURLE_FTP_COULDNT_RETR_FILE: FTP RETR failed.</summary>
    FtpCouldntRetrFile = 19,
    /// <summary>CURLE_QUOTE_ERROR: A quote command failed.</summary>
    QuoteError = 21,
    /// <summary>CURLE_HTTP_RETURNED_ERROR: The HTTP server returned an error status and <see cref="CurlOption.FailOnError"/> is set.</summary>
    HttpReturnedError = 22,
    /// <summary>CURLE_WRITE_ERROR: The write callback or destination did not take all the data.</summary>
    WriteError = 23,
    /// <summary>CURLE_UPLOAD_FAILED: The upload failed to start.</summary>
    UploadFailed = 25,
    /// <summary>CURLE_READ_ERROR: Reading the upload data failed.</summary>
    ReadError = 26,
    /// <summary>CURLE_OUT_OF_MEMORY: Out of memory.</summary>
    OutOfMemory = 27,
    /// <summary>CURLE_OPERATION_TIMEDOUT: The timeout was reached.</summary>
    OperationTimedout = 28,
    /// <summary>CURLE_FTP_PORT_FAILED: FTP PORT/EPRT failed.</summary>
    FtpPortFailed = 30,
    /// <summary>CURLE_FTP_COULDNT_USE_REST: FTP REST failed.</summary>
    FtpCouldntUseRest = 31,
    /// <summary>CURLE_RANGE_ERROR: The server does not support or accept the requested range.</summary>
    RangeError = 33,
    /// <summary>CURLE_HTTP_POST_ERROR: An internal POST error.</summary>
    HttpPostError = 34,
    /// <summary>CURLE_SSL_CONNECT_ERROR: The TLS handshake failed.</summary>
    SslConnectError = 35,
    /// <summary>CURLE_BAD_DOWNLOAD_RESUME: A download could not be resumed.</summary>
    BadDownloadResume = 36,
    /// <summary>CURLE_FILE_COULDNT_READ_FILE: A file given with file:// could not be read.</summary>
    FileCouldntReadFile = 37,
    /// <summary>CURLE_FUNCTION_NOT_FOUND: A function was not found.</summary>
    FunctionNotFound = 41,
    /// <summary>CURLE_ABORTED_BY_CALLBACK: A callback aborted the transfer (or threw).</summary>
    AbortedByCallback = 42,
    /// <summary>CURLE_BAD_FUNCTION_ARGUMENT: <see cref="CurlEasy.SetOpt"/> was given a value of the wrong type, out of range, or with a CR or LF where it would reach the request; <see cref="CurlEasy.ErrorMessage"/> names the option.</summary>
    BadFunctionArgument = 43,
    /// <summary>CURLE_INTERFACE_FAILED: A network interface could not be used.</summary>
    InterfaceFailed = 45,
    /// <summary>CURLE_TOO_MANY_REDIRECTS: Too many redirects.</summary>
    TooManyRedirects = 47,
    /// <summary>CURLE_UNKNOWN_OPTION: <see cref="CurlEasy.SetOpt"/> was given an option number Curlew does not have.</summary>
    UnknownOption = 48,
    /// <summary>CURLE_SETOPT_OPTION_SYNTAX: Malformed option syntax.</summary>
    SetOptOptionSyntax = 49,
    /// <summary>CURLE_GOT_NOTHING: The server closed the connection without sending anything.</summary>
    GotNothing = 52,
    /// <summary>CURLE_SEND_ERROR: Sending data failed.</summary>
    SendError = 55,
    /// <summary>CURLE_RECV_ERROR: Receiving data failed.</summary>
    RecvError = 56,
    /// <summary>CURLE_SSL_CERTPROBLEM: Problem with the local client certificate.</summary>
    SslCertProblem = 58,
    /// <summary>CURLE_PEER_FAILED_VERIFICATION: The peer's certificate or fingerprint was not accepted.</summary>
    PeerFailedVerification = 60,
    /// <summary>CURLE_BAD_CONTENT_ENCODING: Unrecognized content encoding.</summary>
    BadContentEncoding = 61,
    /// <summary>CURLE_FILESIZE_EXCEEDED: The maximum file size was exceeded.</summary>
    FilesizeExceeded = 63,
    /// <summary>CURLE_USE_SSL_FAILED: Requested FTP SSL level failed.</summary>
    UseSslFailed = 64,
    /// <summary>CURLE_SEND_FAIL_REWIND: The data to send had to be rewound and could not be.</summary>
    SendFailRewind = 65,
    /// <summary>CURLE_LOGIN_DENIED: The login was denied.</summary>
    LoginDenied = 67,
    /// <summary>CURLE_SSL_CACERT_BADFILE: The CA certificate file could not be read.</summary>
    SslCaCertBadFile = 77,
    /// <summary>CURLE_REMOTE_FILE_NOT_FOUND: The remote file was not found.</summary>
    RemoteFileNotFound = 78,
    /// <summary>CURLE_SSL_PINNEDPUBKEYNOTMATCH: The peer's public key did not match <see cref="CurlOption.PinnedPublicKey"/>.</summary>
    SslPinnedPubKeyNotMatch = 90,
    /// <summary>CURLE_RECURSIVE_API_CALL: <see cref="CurlEasy.Perform"/> or <see cref="CurlEasy.PerformAsync"/> was called while a transfer runs on the same handle (from one of its callbacks, say).</summary>
    RecursiveApiCall = 93,
    /// <summary>CURLE_AUTH_ERROR: An authentication function failed.</summary>
    AuthError = 94,
    /// <summary>CURLE_PROXY: A proxy handshake failed.</summary>
    Proxy = 97,
    /// <summary>CURLE_TOO_LARGE: A limit was exceeded (for example response headers too large).</summary>
    TooLarge = 100,
}
