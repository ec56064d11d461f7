namespace Curlew;

/// <summary>
/// Options for <see cref="CurlEasy.SetOpt"/>; names mirror libcurl's <c>CURLOPT_*</c> and numbers equal libcurl's.
/// Each member says what the option does, its default and libcurl's name. Options stored for HTTPS, FTP or proxy
/// support that is not built yet are accepted and checked like libcurl checks them, so code written today keeps
/// working when that support lands.
///</summary>
public enum CurlOption
{
    // long options (CURLOPTTYPE_LONG = 0)
    /// <summary>CURLOPT_SSLVERSION: lowest TLS version (low 16 bits: 0 default, 1 TLSv1, 4-7 TLS 1.0-1.3) and highest (high 16 bits, CURL_SSLVERSION_MAX_*); SSLv2/SSLv3 are refused. Default 0 (TLS 1.2 and 1.3). A range the server does not speak fails the handshake with <see cref="CurlCode.SslConnectError"/> (35).</summary>
    SslVersion = 32,
    /// <summary>CURLOPT_APPEND: an FTP upload appends (APPE) instead of replacing (STOR). Default off.</summary>
    Append = 50,
    /// <summary>CURLOPT_FTP_CREATE_MISSING_DIRS: 0 no, 1 create (MKD) missing directories, 2 and retry CWD. Default 0.</summary>
    FtpCreateMissingDirs = 110,
    /// <summary>CURLOPT_USE_SSL: CURLUSESSL_* level of TLS for FTP (0 none, 1 try, 2 control, 3 all). Default 0.</summary>
    UseSsl = 119,
    /// <summary>CURLOPT_FTP_FILEMETHOD: CURLFTPMETHOD_* (1 multi-CWD, 2 no CWD, 3 single CWD; 0 means 1). Default 1.</summary>
    FtpFileMethod = 138,
    /// <summary>CURLOPT_FTP_SKIP_PASV_IP: connect passive data connections to the control connection's address, not the one in a PASV reply. Default on.</summary>
    FtpSkipPasvIp = 137,
    /// <summary>CURLOPT_PROTOCOLS (deprecated bitmask form of <see cref="ProtocolsStr"/>): CURLPROTO_* bits of the protocols a transfer may use; any number is accepted, as libcurl does. Default all. Stored; not enforced yet (Curlew speaks only HTTP so far).</summary>
    Protocols = 181,
    /// <summary>CURLOPT_REDIR_PROTOCOLS (deprecated bitmask form of <see cref="RedirProtocolsStr"/>): CURLPROTO_* bits a redirect may go to. Default HTTP, HTTPS, FTP, FTPS. Stored; not enforced yet.</summary>
    RedirProtocols = 182,
    /// <summary>CURLOPT_ACCEPTTIMEOUT_MS: how long to wait for the server's FTP active-mode data connection, in ms (0 = the default). Default 60000.</summary>
    AcceptTimeoutMs = 212,
    /// <summary>CURLOPT_MAXAGE_CONN: a cached connection idle for more than this many whole seconds is closed instead of reused (0 or more; 0 = reuse only within the same second). Default 118.</summary>
    MaxAgeConn = 288,
    /// <summary>CURLOPT_MAXLIFETIME_CONN: a cached connection made more than this many whole seconds ago is closed instead of reused (0 or more; 0 = no limit). Default 0.</summary>
    MaxLifetimeConn = 314,
    /// <summary>CURLOPT_PORT: port to connect to instead of the URL's (0-65535; 0 = the URL's). Default 0.</summary>
    Port = 3,
    /// <summary>CURLOPT_TIMEOUT: whole-transfer timeout in seconds (0 = none; at most 2147483). Default 0.</summary>
    Timeout = 13,
    /// <summary>CURLOPT_INFILESIZE: size of the upload in bytes (-1 = unknown: chunked for HTTP). Default -1.</summary>
    InFileSize = 14,
    /// <summary>CURLOPT_LOW_SPEED_LIMIT: bytes per second below which a transfer counts as too slow (with <see cref="LowSpeedTime"/>). Default 0, no check.</summary>
    LowSpeedLimit = 19,
    /// <summary>CURLOPT_LOW_SPEED_TIME: seconds a transfer may stay below <see cref="LowSpeedLimit"/> before it fails with <see cref="CurlCode.OperationTimedout"/>. Default 0, no check.</summary>
    LowSpeedTime = 20,
    /// <summary>CURLOPT_RESUME_FROM: byte offset to resume a download (or upload) from; -1 resumes an upload from the end of what the server has. Default 0.</summary>
    ResumeFrom = 21,
    /// <summary>CURLOPT_VERBOSE: report what happens: a curl <c>-v</c> style trace to <see cref="Stderr"/> (standard error by default), or, when <see cref="DebugFunction"/> is set, every event to that callback instead, as libcurl does. Default off.</summary>
    Verbose = 41,
    /// <summary>CURLOPT_HEADER: pass the response headers to the write callback too, before the body. Default off.</summary>
    Header = 42,
    /// <summary>CURLOPT_NOPROGRESS: when off (0), <see cref="XferInfoFunction"/> is called during the transfer. Default on (no progress calls).</summary>
    NoProgress = 43,
    /// <summary>CURLOPT_NOBODY: do not get the body (a HEAD request for HTTP). Default off.</summary>
    NoBody = 44,
    /// <summary>CURLOPT_FAILONERROR: fail with <see cref="CurlCode.HttpReturnedError"/> (22) on an HTTP status of 400 or more, without delivering the body. Default off.</summary>
    FailOnError = 45,
    /// <summary>CURLOPT_UPLOAD: upload from <see cref="ReadFunction"/>/<see cref="ReadData"/> (a PUT for HTTP). Default off.</summary>
    Upload = 46,
    /// <summary>CURLOPT_POST: do a POST, with <see cref="PostFields"/> or the read callback as the body. Default off.</summary>
    Post = 47,
    /// <summary>CURLOPT_DIRLISTONLY: FTP name-only listing (NLST). Default off.</summary>
    DirListOnly = 48,
    /// <summary>CURLOPT_FOLLOWLOCATION: follow redirects (up to <see cref="MaxRedirs"/>). Default off.</summary>
    FollowLocation = 52,
    /// <summary>CURLOPT_PUT (deprecated): same as <see cref="Upload"/>. Default off.</summary>
    Put = 54,
    /// <summary>CURLOPT_AUTOREFERER: when following a redirect, send the previous URL as Referer. Default off.</summary>
    AutoReferer = 58,
    /// <summary>CURLOPT_POSTFIELDSIZE: size of the POST body in bytes (-1 = the length of <see cref="PostFields"/>, or chunked with a read callback). Default -1.</summary>
    PostFieldSize = 60,
    /// <summary>CURLOPT_PROXYPORT: the proxy's port when <see cref="Proxy"/> names none (0 = 1080, or 443 for an HTTPS proxy). Default 0.</summary>
    ProxyPort = 59,
    /// <summary>CURLOPT_HTTPPROXYTUNNEL: tunnel through an HTTP proxy with CONNECT also for http:// (https:// always tunnels). Default off.</summary>
    HttpProxyTunnel = 61,
    /// <summary>CURLOPT_SSL_VERIFYPEER: verify the server's certificate chain. Default on. An untrusted, expired or not yet valid chain fails with <see cref="CurlCode.PeerFailedVerification"/> (60); off is curl's -k half for the chain.</summary>
    SslVerifyPeer = 64,
    /// <summary>CURLOPT_MAXREDIRS: how many redirects <see cref="FollowLocation"/> follows (-1 = no limit); one more fails with <see cref="CurlCode.TooManyRedirects"/>. Default -1.</summary>
    MaxRedirs = 68,
    /// <summary>CURLOPT_MAXCONNECTS: how many idle connections the handle's cache keeps (0 or more). Default 5.</summary>
    MaxConnects = 71,
    /// <summary>CURLOPT_FRESH_CONNECT: use a new connection for the next transfer instead of a cached one. Default off.</summary>
    FreshConnect = 74,
    /// <summary>CURLOPT_FORBID_REUSE: close the connection after the transfer instead of caching it. Default off.</summary>
    ForbidReuse = 75,
    /// <summary>CURLOPT_CONNECTTIMEOUT: connect timeout in seconds (0 = the 300 s default; at most 2147483). Default 0.</summary>
    ConnectTimeout = 78,
    /// <summary>CURLOPT_HTTPGET: back to a plain GET (undoes Post, Upload and NoBody). Default: GET is what a new handle does.</summary>
    HttpGet = 80,
    /// <summary>CURLOPT_SSL_VERIFYHOST: verify that the certificate names the host (any non-zero value = 2, verify). Default 2. Checked against the certificate's DNS and IP subject alternative names; a mismatch is <see cref="CurlCode.PeerFailedVerification"/> (60).</summary>
    SslVerifyHost = 81,
    /// <summary>CURLOPT_HTTP_VERSION: CURL_HTTP_VERSION_* (0-5); 1 sends HTTP/1.0 requests, anything else HTTP/1.1; above 5 (HTTP/3) is <see cref="CurlCode.UnsupportedProtocol"/>. Default 0.</summary>
    HttpVersion = 84,
    /// <summary>CURLOPT_FTP_USE_EPSV: try EPSV before PASV for passive FTP. Default on.</summary>
    FtpUseEpsv = 85,
    /// <summary>CURLOPT_FILETIME: ask the server for the remote file's time (FTP: MDTM; with NoBody it shows as a Last-Modified line). Default off.</summary>
    Filetime = 69,
    /// <summary>CURLOPT_BUFFERSIZE: receive buffer size, the largest chunk a write callback gets; clamped like libcurl (1024 to 524288; 0 or less = 16384). Default 131072.</summary>
    BufferSize = 98,
    /// <summary>CURLOPT_NOSIGNAL: accepted and ignored (.NET uses no signals). Default off.</summary>
    NoSignal = 99,
    /// <summary>CURLOPT_PROXYTYPE: CURLPROXY_* type of a <see cref="Proxy"/> given without a scheme (0-7): 0 and 1 HTTP, 5 SOCKS5, 7 SOCKS5 with the name resolved by the proxy, 4 and 6 SOCKS4/4a; 2 (HTTPS proxy) returns <see cref="CurlCode.NotBuiltIn"/> (4). Default 0 (HTTP).</summary>
    ProxyType = 101,
    /// <summary>CURLOPT_UNRESTRICTED_AUTH: keep sending credentials when a redirect goes to another host. Default off.</summary>
    UnrestrictedAuth = 105,
    /// <summary>CURLOPT_FTP_USE_EPRT: try EPRT before PORT for active FTP. Default on.</summary>
    FtpUseEprt = 106,
    /// <summary>CURLOPT_HTTPAUTH: CURLAUTH_* bitmask of allowed HTTP authentication schemes. Default 1 (Basic). Stored; Curlew sends Basic whatever the mask until Digest lands.</summary>
    HttpAuth = 107,
    /// <summary>CURLOPT_FTP_RESPONSE_TIMEOUT (also CURLOPT_SERVER_RESPONSE_TIMEOUT): seconds to wait for each FTP reply (0 = libcurl's 120). Default 0.</summary>
    FtpResponseTimeout = 112,
    /// <summary>CURLOPT_IPRESOLVE: which addresses to use: 0 any, 1 IPv4 only, 2 IPv6 only. Default 0.</summary>
    IpResolve = 113,
    /// <summary>CURLOPT_MAXFILESIZE: refuse downloads larger than this many bytes with <see cref="CurlCode.FilesizeExceeded"/> (0 = no limit). Default 0.</summary>
    MaxFileSize = 114,
    /// <summary>CURLOPT_TCP_NODELAY: disable Nagle's algorithm on TCP sockets. Default on.</summary>
    TcpNoDelay = 121,
    /// <summary>CURLOPT_SSL_SESSIONID_CACHE: offer a TLS session kept from an earlier handshake with the same host, so a new connection resumes it (an abbreviated handshake). Default on; off makes every TLS handshake a full one. Like every TLS option it is part of the connection's route, so a connection made under the other setting is not reused (libcurl would reuse it).</summary>
    SslSessionIdCache = 150,
    /// <summary>CURLOPT_TIMEOUT_MS: whole-transfer timeout in milliseconds (0 = none; read as unsigned like libcurl, so -1 is about 49.7 days). Default 0.</summary>
    TimeoutMs = 155,
    /// <summary>CURLOPT_CONNECTTIMEOUT_MS: connect timeout in milliseconds (0 = the 300 s default; read as unsigned). Default 0.</summary>
    ConnectTimeoutMs = 156,
    /// <summary>CURLOPT_POSTREDIR: bitmask (1 = 301, 2 = 302, 4 = 303) of redirects after which a POST stays a POST; other bits are dropped. Default 0.</summary>
    PostRedir = 161,
    /// <summary>CURLOPT_EXPECT_100_TIMEOUT_MS: how long to wait for <c>100 Continue</c> before sending the body anyway. Default 1000.</summary>
    Expect100TimeoutMs = 227,

    // object and string options (CURLOPTTYPE_OBJECTPOINT = 10000)
    /// <summary>CURLOPT_WRITEDATA: user data for <see cref="WriteFunction"/>; a <see cref="Stream"/> is written to when no callback is set. Default none (standard output).</summary>
    WriteData = 10001,
    /// <summary>CURLOPT_URL: the URL to transfer (a string or a <see cref="Uri"/>); CR or LF in it is refused. Default none: a perform without one returns <see cref="CurlCode.UrlMalformat"/>.</summary>
    Url = 10002,
    /// <summary>CURLOPT_PROXY: the proxy, <c>[scheme://][user:password@]host[:port]</c> (schemes http, socks4, socks4a, socks5, socks5h; https is not built). Default none: the environment's http_proxy, HTTPS_PROXY, ALL_PROXY (as libcurl); "" means no proxy at all.</summary>
    Proxy = 10004,
    /// <summary>CURLOPT_USERPWD: "user:password" for Basic authentication; CR or LF in it is refused. Default none.</summary>
    UserPwd = 10005,
    /// <summary>CURLOPT_PROXYUSERPWD: "user:password" for the proxy (Basic). Default none.</summary>
    ProxyUserPwd = 10006,
    /// <summary>CURLOPT_RANGE: byte range to request, e.g. "0-99"; CR or LF in it is refused. Default none.</summary>
    Range = 10007,
    /// <summary>CURLOPT_READDATA: user data for <see cref="ReadFunction"/>; a <see cref="Stream"/> is read when no callback is set. Default none.</summary>
    ReadData = 10009,
    /// <summary>CURLOPT_POSTFIELDS: the POST body (string as UTF-8, byte[] or ReadOnlyMemory&lt;byte&gt;, copied as CURLOPT_COPYPOSTFIELDS does); setting it, even to null, makes the request a POST. Default none.</summary>
    PostFields = 10015,
    /// <summary>CURLOPT_REFERER: Referer header value; CR or LF in it is refused. Default none.</summary>
    Referer = 10016,
    /// <summary>CURLOPT_FTPPORT: active-mode FTP address ("-" for the control connection's). Default none (passive).</summary>
    FtpPort = 10017,
    /// <summary>CURLOPT_USERAGENT: User-Agent header value; CR or LF in it is refused. Default none (no User-Agent header).</summary>
    UserAgent = 10018,
    /// <summary>CURLOPT_COOKIE: Cookie header value ("name=value; name2=value2"); CR or LF in it is refused. Default none.</summary>
    Cookie = 10022,
    /// <summary>CURLOPT_HTTPHEADER: extra request headers ("Name: value" adds or replaces, "Name:" removes, "Name;" sends it empty); an entry with CR or LF is refused. Default none.</summary>
    HttpHeader = 10023,
    /// <summary>CURLOPT_QUOTE: FTP commands to send before the transfer. Default none.</summary>
    Quote = 10028,
    /// <summary>CURLOPT_HEADERDATA: user data for <see cref="HeaderFunction"/>; a <see cref="Stream"/> receives the header lines when no callback is set. Default none.</summary>
    HeaderData = 10029,
    /// <summary>CURLOPT_CUSTOMREQUEST: the request method to send instead of GET/POST/PUT/HEAD (the request otherwise stays as it was); CR or LF in it is refused. Default none.</summary>
    CustomRequest = 10036,
    /// <summary>CURLOPT_STDERR: where the <see cref="Verbose"/> trace goes (a <see cref="System.IO.TextWriter"/> or a writable <see cref="System.IO.Stream"/>). Default none: standard error.</summary>
    Stderr = 10037,
    /// <summary>CURLOPT_XFERINFODATA: passed unchanged to <see cref="XferInfoFunction"/>. Default none.</summary>
    XferInfoData = 10057,
    /// <summary>CURLOPT_CAINFO: PEM file of CA certificates to verify peers with; when set (or <see cref="CaPath"/>), only these are trusted. Default none (the system store). Unreadable or empty: <see cref="CurlCode.SslCaCertBadFile"/> (77).</summary>
    CaInfo = 10065,
    /// <summary>CURLOPT_ACCEPT_ENCODING: ask for compressed content. Default none. Content decoding is not built yet: a perform with it set returns <see cref="CurlCode.NotBuiltIn"/> (4).</summary>
    AcceptEncoding = 10102,
    /// <summary>CURLOPT_SHARE: a <see cref="CurlShare"/> to attach (null detaches). With CONNECT shared, transfers take and leave idle connections in the share's pool instead of the handle's own; the handle's own idle connections stay where they are (not moved), used again once the share is detached. A share that has ended is refused. Kept across <see cref="CurlEasy.Reset"/>, as libcurl does. Default none.</summary>
    Share = 10100,
    /// <summary>CURLOPT_PRIVATE: any object the application wants to keep with the handle; Curlew never looks at it. Default none.</summary>
    Private = 10103,
    /// <summary>CURLOPT_SOCKOPTDATA: passed unchanged to <see cref="SockOptFunction"/>. Default none.</summary>
    SockOptData = 10149,
    /// <summary>CURLOPT_OPENSOCKETDATA: passed unchanged to <see cref="OpenSocketFunction"/>. Default none.</summary>
    OpenSocketData = 10164,
    /// <summary>CURLOPT_PROXYUSERNAME: the proxy user name (wins over <see cref="ProxyUserPwd"/>'s). Default none.</summary>
    ProxyUsername = 10175,
    /// <summary>CURLOPT_PROXYPASSWORD: the proxy password (wins over <see cref="ProxyUserPwd"/>'s). Default none.</summary>
    ProxyPassword = 10176,
    /// <summary>CURLOPT_NOPROXY: comma-separated hosts that bypass the proxy: "*" for all, a name matches itself and its subdomains, an address or CIDR range matches IP hosts. Default none: the environment's no_proxy / NO_PROXY.</summary>
    NoProxy = 10177,
    /// <summary>CURLOPT_RESOLVE: fixed name resolutions, "host:port:addr[,addr]" entries; "-host:port" removes one. Default none.</summary>
    Resolve = 10203,
    /// <summary>CURLOPT_CLOSESOCKETDATA: passed unchanged to <see cref="CloseSocketFunction"/>. Default none.</summary>
    CloseSocketData = 10209,
    /// <summary>CURLOPT_UNIX_SOCKET_PATH: connect to this Unix domain socket instead of TCP. Default none.</summary>
    UnixSocketPath = 10231,
    /// <summary>CURLOPT_CONNECT_TO: connect elsewhere, "host:port:connect-host:connect-port" entries. Default none.</summary>
    ConnectTo = 10243,

    /// <summary>CURLOPT_SSLCERT: client certificate file. Default none. A certificate or key that cannot be loaded is <see cref="CurlCode.SslCertProblem"/> (58).</summary>
    SslCert = 10025,
    /// <summary>CURLOPT_KEYPASSWD: password of the client key (or PKCS#12 file). Default none.</summary>
    KeyPasswd = 10026,
    /// <summary>CURLOPT_POSTQUOTE: FTP commands sent after the transfer. Default none.</summary>
    PostQuote = 10039,
    /// <summary>CURLOPT_SSLCERTTYPE: client certificate format, "PEM", "DER" or "P12". Default none (PEM). A DER certificate takes its key from <see cref="SslKey"/>.</summary>
    SslCertType = 10086,
    /// <summary>CURLOPT_SSLKEY: client private key file. Default none (the key in <see cref="SslCert"/>); PEM.</summary>
    SslKey = 10087,
    /// <summary>CURLOPT_PREQUOTE: FTP commands sent just before the transfer command. Default none.</summary>
    PreQuote = 10093,
    /// <summary>CURLOPT_DEBUGDATA: passed unchanged to <see cref="DebugFunction"/>. Default none.</summary>
    DebugData = 10095,
    /// <summary>CURLOPT_CAPATH: directory of CA certificates to verify peers with. Default none (the system store). Every certificate file in it is read (OpenSSL's hashed names are not required); a missing directory trusts nothing.</summary>
    CaPath = 10097,
    /// <summary>CURLOPT_PINNEDPUBLICKEY: "sha256//base64;..." hashes or a key file the server's public key must match. Default none. Checked even with verification off; a mismatch is <see cref="CurlCode.SslPinnedPubKeyNotMatch"/> (90).</summary>
    PinnedPublicKey = 10230,
    /// <summary>CURLOPT_PROTOCOLS_STR: comma-separated protocols a transfer may use ("http,https"; "all"). Default all. Stored; not enforced yet.</summary>
    ProtocolsStr = 10318,
    /// <summary>CURLOPT_REDIR_PROTOCOLS_STR: comma-separated protocols a redirect may go to. Default "http,https,ftp,ftps". Stored; not enforced yet.</summary>
    RedirProtocolsStr = 10319,

    // callbacks (CURLOPTTYPE_FUNCTIONPOINT = 20000)
    /// <summary>CURLOPT_DEBUGFUNCTION: receives every trace event (text, headers and data in and out; see <see cref="DebugCallback"/>) in place of the text trace, and only while <see cref="Verbose"/> is on, as in libcurl. Default none.</summary>
    DebugFunction = 20094,
    /// <summary>CURLOPT_WRITEFUNCTION: receives the body in chunks (at most <see cref="BufferSize"/> bytes); returning anything but the chunk's length ends the transfer with <see cref="CurlCode.WriteError"/>. Default none: <see cref="WriteData"/> (a Stream) or standard output gets the body.</summary>
    WriteFunction = 20011,
    /// <summary>CURLOPT_READFUNCTION: supplies upload data; returns the bytes filled, 0 at the end. Default none: <see cref="ReadData"/> (a Stream) is read.</summary>
    ReadFunction = 20012,
    /// <summary>CURLOPT_HEADERFUNCTION: receives each response header line, the status line and the final blank line included. Default none: <see cref="HeaderData"/> gets them, as a Stream or through <see cref="WriteFunction"/>; with neither, nothing does.</summary>
    HeaderFunction = 20079,
    /// <summary>CURLOPT_SOCKOPTFUNCTION: runs on each new socket before connect; <see cref="SockOptResult.AlreadyConnected"/> skips connect. Default none.</summary>
    SockOptFunction = 20148,
    /// <summary>CURLOPT_OPENSOCKETFUNCTION: replaces socket creation (refuse with null, rewrite the address, or hand over a socket); see the socket lifecycle rules. Default none: Curlew opens sockets itself.</summary>
    OpenSocketFunction = 20163,
    /// <summary>CURLOPT_CLOSESOCKETFUNCTION: closes each socket that came from <see cref="OpenSocketFunction"/>, exactly once. Default none: Curlew disposes them.</summary>
    CloseSocketFunction = 20208,
    /// <summary>CURLOPT_XFERINFOFUNCTION: progress callback, called while <see cref="NoProgress"/> is off; non-zero aborts with <see cref="CurlCode.AbortedByCallback"/>. Default none.</summary>
    XferInfoFunction = 20219,

    // 64-bit sizes (CURLOPTTYPE_OFF_T = 30000)
    /// <summary>CURLOPT_INFILESIZE_LARGE: 64-bit form of <see cref="InFileSize"/> (same store). Default -1.</summary>
    InFileSizeLarge = 30115,
    /// <summary>CURLOPT_RESUME_FROM_LARGE: 64-bit form of <see cref="ResumeFrom"/> (same store). Default 0.</summary>
    ResumeFromLarge = 30116,
    /// <summary>CURLOPT_MAXFILESIZE_LARGE: 64-bit form of <see cref="MaxFileSize"/> (same store). Default 0.</summary>
    MaxFileSizeLarge = 30117,
    /// <summary>CURLOPT_POSTFIELDSIZE_LARGE: 64-bit form of <see cref="PostFieldSize"/> (same store). Default -1.</summary>
    PostFieldSizeLarge = 30120,
}
