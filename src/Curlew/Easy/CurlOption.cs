namespace Curlew;

/// <summary>Options for <see cref="CurlEasy.SetOpt"/>; names mirror libcurl's <c>CURLOPT_*</c> and numbers equal libcurl's.</summary>
public enum CurlOption
{
    // long options (CURLOPTTYPE_LONG = 0)
    /// <summary>CURLOPT_SSLVERSION: lowest TLS version (low 16 bits) and highest (high 16 bits, CURL_SSLVERSION_MAX_*).</summary>
    SslVersion = 32,
    /// <summary>CURLOPT_APPEND: FTP upload appends (APPE) instead of replacing (STOR).</summary>
    Append = 50,
    /// <summary>CURLOPT_FTP_CREATE_MISSING_DIRS: 0 no, 1 create (MKD) missing directories, 2 and retry CWD.</summary>
    FtpCreateMissingDirs = 110,
    /// <summary>CURLOPT_USE_SSL: CURLUSESSL_* level of TLS for FTP (none, try, control, all).</summary>
    UseSsl = 119,
    /// <summary>CURLOPT_FTP_FILEMETHOD: CURLFTPMETHOD_* (1 multi-CWD, 2 no CWD, 3 single CWD).</summary>
    FtpFileMethod = 138,
    /// <summary>CURLOPT_PROTOCOLS (deprecated bitmask form of ProtocolsStr): protocols a transfer may use.</summary>
    Protocols = 181,
    /// <summary>CURLOPT_REDIR_PROTOCOLS (deprecated bitmask form of RedirProtocolsStr): protocols a redirect may go to.</summary>
    RedirProtocols = 182,
    /// <summary>CURLOPT_ACCEPTTIMEOUT_MS: how long to wait for the server's FTP active-mode data connection (default 60000).</summary>
    AcceptTimeoutMs = 212,
    /// <summary>CURLOPT_PORT: port to use instead of the URL's.</summary>
    Port = 3,
    /// <summary>CURLOPT_TIMEOUT: whole-transfer timeout in seconds.</summary>
    Timeout = 13,
    /// <summary>CURLOPT_INFILESIZE: size of the upload.</summary>
    InFileSize = 14,
    /// <summary>CURLOPT_LOW_SPEED_LIMIT.</summary>
    LowSpeedLimit = 19,
    /// <summary>CURLOPT_LOW_SPEED_TIME.</summary>
    LowSpeedTime = 20,
    /// <summary>CURLOPT_RESUME_FROM: byte offset to resume a download from.</summary>
    ResumeFrom = 21,
    /// <summary>CURLOPT_VERBOSE: log what happens to stderr (or the debug callback).</summary>
    Verbose = 41,
    /// <summary>CURLOPT_HEADER: pass headers to the write callback too.</summary>
    Header = 42,
    /// <summary>CURLOPT_NOPROGRESS: 0 enables the progress callback.</summary>
    NoProgress = 43,
    /// <summary>CURLOPT_NOBODY: do not get the body (HEAD for HTTP).</summary>
    NoBody = 44,
    /// <summary>CURLOPT_FAILONERROR: fail with 22 on HTTP status ≥ 400.</summary>
    FailOnError = 45,
    /// <summary>CURLOPT_UPLOAD: upload (PUT for HTTP).</summary>
    Upload = 46,
    /// <summary>CURLOPT_POST: do a POST.</summary>
    Post = 47,
    /// <summary>CURLOPT_DIRLISTONLY: FTP name-only listing.</summary>
    DirListOnly = 48,
    /// <summary>CURLOPT_FOLLOWLOCATION: follow redirects.</summary>
    FollowLocation = 52,
    /// <summary>CURLOPT_PUT (deprecated): same as Upload.</summary>
    Put = 54,
    /// <summary>CURLOPT_AUTOREFERER.</summary>
    AutoReferer = 58,
    /// <summary>CURLOPT_POSTFIELDSIZE: size of PostFields.</summary>
    PostFieldSize = 60,
    /// <summary>CURLOPT_HTTPPROXYTUNNEL: tunnel through an HTTP proxy with CONNECT.</summary>
    HttpProxyTunnel = 61,
    /// <summary>CURLOPT_SSL_VERIFYPEER.</summary>
    SslVerifyPeer = 64,
    /// <summary>CURLOPT_MAXREDIRS: redirect limit (-1 = unlimited).</summary>
    MaxRedirs = 68,
    /// <summary>CURLOPT_MAXCONNECTS: size of the handle's connection cache.</summary>
    MaxConnects = 71,
    /// <summary>CURLOPT_FRESH_CONNECT: use a new connection for the next transfer.</summary>
    FreshConnect = 74,
    /// <summary>CURLOPT_FORBID_REUSE: close the connection after the transfer.</summary>
    ForbidReuse = 75,
    /// <summary>CURLOPT_CONNECTTIMEOUT: connect timeout in seconds.</summary>
    ConnectTimeout = 78,
    /// <summary>CURLOPT_HTTPGET: back to GET.</summary>
    HttpGet = 80,
    /// <summary>CURLOPT_SSL_VERIFYHOST.</summary>
    SslVerifyHost = 81,
    /// <summary>CURLOPT_HTTP_VERSION.</summary>
    HttpVersion = 84,
    /// <summary>CURLOPT_FTP_USE_EPSV.</summary>
    FtpUseEpsv = 85,
    /// <summary>CURLOPT_BUFFERSIZE: receive buffer size.</summary>
    BufferSize = 98,
    /// <summary>CURLOPT_NOSIGNAL (accepted, no effect in .NET).</summary>
    NoSignal = 99,
    /// <summary>CURLOPT_PROXYTYPE.</summary>
    ProxyType = 101,
    /// <summary>CURLOPT_UNRESTRICTED_AUTH: send credentials to other hosts on redirect.</summary>
    UnrestrictedAuth = 105,
    /// <summary>CURLOPT_FTP_USE_EPRT.</summary>
    FtpUseEprt = 106,
    /// <summary>CURLOPT_HTTPAUTH.</summary>
    HttpAuth = 107,
    /// <summary>CURLOPT_IPRESOLVE: 0 whatever, 1 IPv4 only, 2 IPv6 only.</summary>
    IpResolve = 113,
    /// <summary>CURLOPT_MAXFILESIZE.</summary>
    MaxFileSize = 114,
    /// <summary>CURLOPT_TCP_NODELAY.</summary>
    TcpNoDelay = 121,
    /// <summary>CURLOPT_TIMEOUT_MS: whole-transfer timeout in milliseconds.</summary>
    TimeoutMs = 155,
    /// <summary>CURLOPT_CONNECTTIMEOUT_MS: connect timeout in milliseconds.</summary>
    ConnectTimeoutMs = 156,
    /// <summary>CURLOPT_POSTREDIR: bitmask keeping POST on 301/302/303.</summary>
    PostRedir = 161,
    /// <summary>CURLOPT_EXPECT_100_TIMEOUT_MS.</summary>
    Expect100TimeoutMs = 227,

    // object and string options (CURLOPTTYPE_OBJECTPOINT = 10000)
    /// <summary>CURLOPT_WRITEDATA: user data for the write callback; a <see cref="Stream"/> is written to when no callback is set.</summary>
    WriteData = 10001,
    /// <summary>CURLOPT_URL.</summary>
    Url = 10002,
    /// <summary>CURLOPT_PROXY.</summary>
    Proxy = 10004,
    /// <summary>CURLOPT_USERPWD: "user:password".</summary>
    UserPwd = 10005,
    /// <summary>CURLOPT_RANGE: e.g. "0-99".</summary>
    Range = 10007,
    /// <summary>CURLOPT_READDATA: user data for the read callback; a <see cref="Stream"/> is read when no callback is set.</summary>
    ReadData = 10009,
    /// <summary>CURLOPT_POSTFIELDS: the POST body (string or byte[]).</summary>
    PostFields = 10015,
    /// <summary>CURLOPT_REFERER.</summary>
    Referer = 10016,
    /// <summary>CURLOPT_FTPPORT: active-mode address ("-" for the control connection's).</summary>
    FtpPort = 10017,
    /// <summary>CURLOPT_USERAGENT.</summary>
    UserAgent = 10018,
    /// <summary>CURLOPT_COOKIE.</summary>
    Cookie = 10022,
    /// <summary>CURLOPT_HTTPHEADER: list of extra headers ("Name: value", "Name:" removes, "Name;" sends empty).</summary>
    HttpHeader = 10023,
    /// <summary>CURLOPT_QUOTE: FTP commands to send before the transfer.</summary>
    Quote = 10028,
    /// <summary>CURLOPT_HEADERDATA: user data for the header callback; a <see cref="Stream"/> works too.</summary>
    HeaderData = 10029,
    /// <summary>CURLOPT_CUSTOMREQUEST: the request method to send.</summary>
    CustomRequest = 10036,
    /// <summary>CURLOPT_STDERR: where the verbose trace goes instead of standard error (a <see cref="System.IO.TextWriter"/> or a <see cref="System.IO.Stream"/>).</summary>
    Stderr = 10037,
    /// <summary>CURLOPT_XFERINFODATA: user data for the progress callback.</summary>
    XferInfoData = 10057,
    /// <summary>CURLOPT_CAINFO.</summary>
    CaInfo = 10065,
    /// <summary>CURLOPT_ACCEPT_ENCODING.</summary>
    AcceptEncoding = 10102,
    /// <summary>CURLOPT_PRIVATE.</summary>
    Private = 10103,
    /// <summary>CURLOPT_SOCKOPTDATA.</summary>
    SockOptData = 10149,
    /// <summary>CURLOPT_OPENSOCKETDATA.</summary>
    OpenSocketData = 10164,
    /// <summary>CURLOPT_NOPROXY.</summary>
    NoProxy = 10177,
    /// <summary>CURLOPT_RESOLVE: "host:port:addr[,addr]" entries, "-host:port" removes.</summary>
    Resolve = 10203,
    /// <summary>CURLOPT_CLOSESOCKETDATA.</summary>
    CloseSocketData = 10209,
    /// <summary>CURLOPT_UNIX_SOCKET_PATH.</summary>
    UnixSocketPath = 10231,
    /// <summary>CURLOPT_CONNECT_TO: "host:port:connect-host:connect-port" entries.</summary>
    ConnectTo = 10243,

    /// <summary>CURLOPT_SSLCERT: client certificate file.</summary>
    SslCert = 10025,
    /// <summary>CURLOPT_KEYPASSWD: password of the client key (or PKCS#12 file).</summary>
    KeyPasswd = 10026,
    /// <summary>CURLOPT_POSTQUOTE: FTP commands sent after the transfer.</summary>
    PostQuote = 10039,
    /// <summary>CURLOPT_SSLCERTTYPE: "PEM" (default), "DER" or "P12".</summary>
    SslCertType = 10086,
    /// <summary>CURLOPT_SSLKEY: client private key file.</summary>
    SslKey = 10087,
    /// <summary>CURLOPT_PREQUOTE: FTP commands sent just before the transfer command.</summary>
    PreQuote = 10093,
    /// <summary>CURLOPT_DEBUGDATA: passed unchanged to DebugFunction.</summary>
    DebugData = 10095,
    /// <summary>CURLOPT_CAPATH: directory of CA certificates to verify peers with.</summary>
    CaPath = 10097,
    /// <summary>CURLOPT_PINNEDPUBLICKEY: "sha256//base64;..." hashes or a key file the server's public key must match.</summary>
    PinnedPublicKey = 10230,
    /// <summary>CURLOPT_PROTOCOLS_STR: comma-separated protocols a transfer may use ("http,https"; "all").</summary>
    ProtocolsStr = 10318,
    /// <summary>CURLOPT_REDIR_PROTOCOLS_STR: comma-separated protocols a redirect may go to (default http,https,ftp,ftps).</summary>
    RedirProtocolsStr = 10319,

    // callbacks (CURLOPTTYPE_FUNCTIONPOINT = 20000)
    /// <summary>CURLOPT_DEBUGFUNCTION: receives every trace event (text, headers and data in and out); see <see cref="DebugCallback"/>.</summary>
    DebugFunction = 20094,
    /// <summary>CURLOPT_WRITEFUNCTION.</summary>
    WriteFunction = 20011,
    /// <summary>CURLOPT_READFUNCTION.</summary>
    ReadFunction = 20012,
    /// <summary>CURLOPT_HEADERFUNCTION.</summary>
    HeaderFunction = 20079,
    /// <summary>CURLOPT_SOCKOPTFUNCTION.</summary>
    SockOptFunction = 20148,
    /// <summary>CURLOPT_OPENSOCKETFUNCTION.</summary>
    OpenSocketFunction = 20163,
    /// <summary>CURLOPT_CLOSESOCKETFUNCTION.</summary>
    CloseSocketFunction = 20208,
    /// <summary>CURLOPT_XFERINFOFUNCTION.</summary>
    XferInfoFunction = 20219,

    // 64-bit sizes (CURLOPTTYPE_OFF_T = 30000)
    /// <summary>CURLOPT_INFILESIZE_LARGE.</summary>
    InFileSizeLarge = 30115,
    /// <summary>CURLOPT_RESUME_FROM_LARGE.</summary>
    ResumeFromLarge = 30116,
    /// <summary>CURLOPT_MAXFILESIZE_LARGE.</summary>
    MaxFileSizeLarge = 30117,
    /// <summary>CURLOPT_POSTFIELDSIZE_LARGE.</summary>
    PostFieldSizeLarge = 30120,
}
