namespace Curlew;

// Typed twins of SetOpt: same names as the options, same store.
public sealed partial class CurlEasy
{
    /// <summary>The URL to transfer.</summary>
    public string? Url { get => _options.Url; set => Set(CurlOption.Url, value); }
    /// <summary>Port to use instead of the URL's (0 = the URL's).</summary>
    public int Port { get => _options.Port; set => Set(CurlOption.Port, value); }
    /// <summary>Log what happens to stderr.</summary>
    public bool Verbose { get => _options.Verbose; set => Set(CurlOption.Verbose, value); }
    /// <summary>Pass response headers to the write callback too.</summary>
    public bool Header { get => _options.Header; set => Set(CurlOption.Header, value); }
    /// <summary>When false, the progress callback is called (libcurl default: true).</summary>
    public bool NoProgress { get => _options.NoProgress; set => Set(CurlOption.NoProgress, value); }
    /// <summary>Do not get the body (HEAD for HTTP).</summary>
    public bool NoBody { get => _options.NoBody; set => Set(CurlOption.NoBody, value); }
    /// <summary>Fail with HttpReturnedError (22) on HTTP status 400 or more.</summary>
    public bool FailOnError { get => _options.FailOnError; set => Set(CurlOption.FailOnError, value); }
    /// <summary>Upload (PUT for HTTP) from ReadFunction/ReadData.</summary>
    public bool Upload { get => _options.Upload; set => Set(CurlOption.Upload, value); }
    /// <summary>Do a POST.</summary>
    public bool Post { get => _options.Post; set => Set(CurlOption.Post, value); }
    /// <summary>Follow redirects.</summary>
    public bool FollowLocation { get => _options.FollowLocation; set => Set(CurlOption.FollowLocation, value); }
    /// <summary>Redirect limit; -1 for unlimited.</summary>
    public long MaxRedirs { get => _options.MaxRedirs; set => Set(CurlOption.MaxRedirs, value); }
    /// <summary>How many idle connections the handle keeps (default 5).</summary>
    public long MaxConnects { get => _options.MaxConnects; set => Set(CurlOption.MaxConnects, value); }
    /// <summary>Use a new connection for the next transfer.</summary>
    public bool FreshConnect { get => _options.FreshConnect; set => Set(CurlOption.FreshConnect, value); }
    /// <summary>Close the connection after the transfer instead of keeping it.</summary>
    public bool ForbidReuse { get => _options.ForbidReuse; set => Set(CurlOption.ForbidReuse, value); }
    /// <summary>Whole-transfer timeout in milliseconds (0 = none).</summary>
    public long TimeoutMs { get => _options.TimeoutMs; set => Set(CurlOption.TimeoutMs, value); }
    /// <summary>Connect timeout in milliseconds (0 = 300 s default).</summary>
    public long ConnectTimeoutMs { get => _options.ConnectTimeoutMs; set => Set(CurlOption.ConnectTimeoutMs, value); }
    /// <summary>Size of the upload; -1 = unknown (chunked for HTTP).</summary>
    public long InFileSize { get => _options.InFileSize; set => Set(CurlOption.InFileSize, value); }
    /// <summary>Size of the POST body; -1 = length of PostFields, or chunked with ReadFunction.</summary>
    public long PostFieldSize { get => _options.PostFieldSize; set => Set(CurlOption.PostFieldSize, value); }
    /// <summary>Offset to resume a download from.</summary>
    public long ResumeFrom { get => _options.ResumeFrom; set => Set(CurlOption.ResumeFrom, value); }
    /// <summary>Byte range to request, e.g. "0-99".</summary>
    public string? Range { get => _options.Range; set => Set(CurlOption.Range, value); }
    /// <summary>"user:password" for Basic authentication.</summary>
    public string? UserPwd { get => _options.UserPwd; set => Set(CurlOption.UserPwd, value); }
    /// <summary>User-Agent header value.</summary>
    public string? UserAgent { get => _options.UserAgent; set => Set(CurlOption.UserAgent, value); }
    /// <summary>Request method to send instead of the default.</summary>
    public string? CustomRequest { get => _options.CustomRequest; set => Set(CurlOption.CustomRequest, value); }
    /// <summary>Referer header value.</summary>
    public string? Referer { get => _options.Referer; set => Set(CurlOption.Referer, value); }
    /// <summary>Proxy URL.</summary>
    public string? Proxy { get => _options.Proxy; set => Set(CurlOption.Proxy, value); }
    /// <summary>Hosts that bypass the proxy.</summary>
    public string? NoProxy { get => _options.NoProxy; set => Set(CurlOption.NoProxy, value); }
    /// <summary>Connect to this Unix domain socket instead of TCP.</summary>
    public string? UnixSocketPath { get => _options.UnixSocketPath; set => Set(CurlOption.UnixSocketPath, value); }
    /// <summary>Extra request headers: "Name: value" adds or replaces, "Name:" removes, "Name;" sends it empty.</summary>
    public IReadOnlyList<string>? HttpHeader { get => _options.HttpHeader; set => Set(CurlOption.HttpHeader, value); }
    /// <summary>Fixed name resolutions: "host:port:addr[,addr...]"; "-host:port" removes one.</summary>
    public IReadOnlyList<string>? Resolve { get => _options.Resolve; set => Set(CurlOption.Resolve, value); }
    /// <summary>Connect elsewhere: "host:port:connect-host:connect-port".</summary>
    public IReadOnlyList<string>? ConnectTo { get => _options.ConnectTo; set => Set(CurlOption.ConnectTo, value); }
    /// <summary>Receives each response header line, including the status line and the final blank line.</summary>
    public WriteCallback? HeaderFunction { get => _options.HeaderFunction; set => Set(CurlOption.HeaderFunction, value); }
    /// <summary>User data for HeaderFunction; a Stream is written to when no callback is set.</summary>
    public object? HeaderData { get => _options.HeaderData; set => Set(CurlOption.HeaderData, value); }
    /// <summary>Supplies upload data.</summary>
    public ReadCallback? ReadFunction { get => _options.ReadFunction; set => Set(CurlOption.ReadFunction, value); }
    /// <summary>User data for ReadFunction; a Stream is read when no callback is set.</summary>
    public object? ReadData { get => _options.ReadData; set => Set(CurlOption.ReadData, value); }
    /// <summary>Progress callback; called when NoProgress is false. Non-zero aborts with AbortedByCallback (42).</summary>
    public XferInfoCallback? XferInfoFunction { get => _options.XferInfoFunction; set => Set(CurlOption.XferInfoFunction, value); }
    /// <summary>User data for XferInfoFunction.</summary>
    public object? XferInfoData { get => _options.XferInfoData; set => Set(CurlOption.XferInfoData, value); }
    /// <summary>Replaces socket creation; see the socket lifecycle rules.</summary>
    public OpenSocketCallback? OpenSocketFunction { get => _options.OpenSocketFunction; set => Set(CurlOption.OpenSocketFunction, value); }
    /// <summary>Passed unchanged to OpenSocketFunction.</summary>
    public object? OpenSocketData { get => _options.OpenSocketData; set => Set(CurlOption.OpenSocketData, value); }
    /// <summary>Replaces the close of sockets that came from OpenSocketFunction; called exactly once per such socket.</summary>
    public CloseSocketCallback? CloseSocketFunction { get => _options.CloseSocketFunction; set => Set(CurlOption.CloseSocketFunction, value); }
    /// <summary>Passed unchanged to CloseSocketFunction.</summary>
    public object? CloseSocketData { get => _options.CloseSocketData; set => Set(CurlOption.CloseSocketData, value); }
    /// <summary>Runs on each new socket before connect; AlreadyConnected skips connect.</summary>
    public SockOptCallback? SockOptFunction { get => _options.SockOptFunction; set => Set(CurlOption.SockOptFunction, value); }
    /// <summary>Passed unchanged to SockOptFunction.</summary>
    public object? SockOptData { get => _options.SockOptData; set => Set(CurlOption.SockOptData, value); }
    /// <summary>Receives the body. Without it, WriteData (a Stream) or standard output gets the body.</summary>
    public WriteCallback? WriteFunction { get => _options.WriteFunction; set => Set(CurlOption.WriteFunction, value); }
    /// <summary>User data for WriteFunction; a Stream is written to when no callback is set.</summary>
    public object? WriteData { get => _options.WriteData; set => Set(CurlOption.WriteData, value); }
    /// <summary>The POST body (libcurl copies it too: CURLOPT_COPYPOSTFIELDS). Setting it makes the request a POST.</summary>
    public byte[]? PostFields { get => _options.PostFields; set => Set(CurlOption.PostFields, value); }
    /// <summary>Send the previous URL as Referer when following a redirect.</summary>
    public bool AutoReferer { get => _options.AutoReferer; set => Set(CurlOption.AutoReferer, value); }
    /// <summary>Keep sending credentials when a redirect goes to another host.</summary>
    public bool UnrestrictedAuth { get => _options.UnrestrictedAuth; set => Set(CurlOption.UnrestrictedAuth, value); }
    /// <summary>Bitmask (1 = 301, 2 = 302, 4 = 303) of redirects that keep a POST a POST.</summary>
    public long PostRedir { get => _options.PostRedir; set => Set(CurlOption.PostRedir, value); }
    /// <summary>Refuse downloads larger than this many bytes (0 = no limit): FilesizeExceeded (63).</summary>
    public long MaxFileSize { get => _options.MaxFileSize; set => Set(CurlOption.MaxFileSize, value); }
    /// <summary>0 = any address family, 1 = IPv4 only, 2 = IPv6 only.</summary>
    public long IpResolve { get => _options.IpResolve; set => Set(CurlOption.IpResolve, value); }
    /// <summary>Receive buffer size in bytes, the largest chunk a write callback gets.</summary>
    public int BufferSize { get => _options.BufferSize; set => Set(CurlOption.BufferSize, value); }
    /// <summary>Cookie header value.</summary>
    public string? Cookie { get => _options.Cookie; set => Set(CurlOption.Cookie, value); }
    /// <summary>Disable Nagle's algorithm on TCP sockets (default true, as libcurl).</summary>
    public bool TcpNoDelay { get => _options.TcpNoDelay; set => Set(CurlOption.TcpNoDelay, value); }
    /// <summary>How long to wait for 100 Continue before sending the body anyway (default 1000).</summary>
    public long Expect100TimeoutMs { get => _options.Expect100TimeoutMs; set => Set(CurlOption.Expect100TimeoutMs, value); }
    /// <summary>Bytes per second below which a transfer counts as too slow (with LowSpeedTime).</summary>
    public long LowSpeedLimit { get => _options.LowSpeedLimit; set => Set(CurlOption.LowSpeedLimit, value); }
    /// <summary>Seconds a transfer may stay below LowSpeedLimit before it fails with OperationTimedout (28).</summary>
    public long LowSpeedTime { get => _options.LowSpeedTime; set => Set(CurlOption.LowSpeedTime, value); }
    /// <summary>CURL_HTTP_VERSION_*: 1 sends HTTP/1.0 requests; anything else HTTP/1.1.</summary>
    public long HttpVersion { get => _options.HttpVersion; set => Set(CurlOption.HttpVersion, value); }
    /// <summary>Ask for compressed content (not supported yet: performs fail with NotBuiltIn).</summary>
    public string? AcceptEncoding { get => _options.AcceptEncoding; set => Set(CurlOption.AcceptEncoding, value); }
    /// <summary>Any object the application wants to keep with the handle.</summary>
    public object? Private { get => _options.Private; set => Set(CurlOption.Private, value); }
    /// <summary>Where the verbose trace goes (libcurl's CURLOPT_STDERR); <c>null</c> = standard error.</summary>
    public TextWriter? Stderr { get => _options.Stderr; set => Set(CurlOption.Stderr, value); }
    /// <summary>CURLPROXY_* type of Proxy.</summary>
    public long ProxyType { get => _options.ProxyType; set => Set(CurlOption.ProxyType, value); }
    /// <summary>Tunnel through an HTTP proxy with CONNECT.</summary>
    public bool HttpProxyTunnel { get => _options.HttpProxyTunnel; set => Set(CurlOption.HttpProxyTunnel, value); }
    /// <summary>Verify the peer's certificate (default true).</summary>
    public bool SslVerifyPeer { get => _options.SslVerifyPeer; set => Set(CurlOption.SslVerifyPeer, value); }
    /// <summary>Verify the certificate's name: 2 (default) or 0.</summary>
    public long SslVerifyHost { get => _options.SslVerifyHost; set => Set(CurlOption.SslVerifyHost, value); }
    /// <summary>File of CA certificates to verify peers with.</summary>
    public string? CaInfo { get => _options.CaInfo; set => Set(CurlOption.CaInfo, value); }
    /// <summary>Active-mode FTP address ("-" for the control connection's).</summary>
    public string? FtpPort { get => _options.FtpPort; set => Set(CurlOption.FtpPort, value); }
    /// <summary>Try EPSV before PASV (default true).</summary>
    public bool FtpUseEpsv { get => _options.FtpUseEpsv; set => Set(CurlOption.FtpUseEpsv, value); }
    /// <summary>Try EPRT before PORT (default true).</summary>
    public bool FtpUseEprt { get => _options.FtpUseEprt; set => Set(CurlOption.FtpUseEprt, value); }
    /// <summary>FTP: list names only.</summary>
    public bool DirListOnly { get => _options.DirListOnly; set => Set(CurlOption.DirListOnly, value); }
    /// <summary>FTP commands to send before the transfer.</summary>
    public IReadOnlyList<string>? Quote { get => _options.Quote; set => Set(CurlOption.Quote, value); }
    /// <summary>Allowed HTTP authentication schemes, a CURLAUTH_* bitmask (libcurl's CURLOPT_HTTPAUTH; default 1, Basic).</summary>
    public long HttpAuth { get => _options.HttpAuth; set => Set(CurlOption.HttpAuth, value); }
    /// <summary>Directory of CA certificates (libcurl's CURLOPT_CAPATH; default none: the system store).</summary>
    public string? CaPath { get => _options.CaPath; set => Set(CurlOption.CaPath, value); }
    /// <summary>Client certificate file (libcurl's CURLOPT_SSLCERT; default none).</summary>
    public string? SslCert { get => _options.SslCert; set => Set(CurlOption.SslCert, value); }
    /// <summary>Client certificate format: "PEM" (default), "DER" or "P12" (libcurl's CURLOPT_SSLCERTTYPE).</summary>
    public string? SslCertType { get => _options.SslCertType; set => Set(CurlOption.SslCertType, value); }
    /// <summary>Client private key file (libcurl's CURLOPT_SSLKEY; default: the key in SslCert).</summary>
    public string? SslKey { get => _options.SslKey; set => Set(CurlOption.SslKey, value); }
    /// <summary>Password of the client key (libcurl's CURLOPT_KEYPASSWD; default none).</summary>
    public string? KeyPasswd { get => _options.KeyPasswd; set => Set(CurlOption.KeyPasswd, value); }
    /// <summary>Public key pins, "sha256//base64;..." or a key file (libcurl's CURLOPT_PINNEDPUBLICKEY; default none).</summary>
    public string? PinnedPublicKey { get => _options.PinnedPublicKey; set => Set(CurlOption.PinnedPublicKey, value); }
    /// <summary>TLS versions, CURL_SSLVERSION_* min | CURL_SSLVERSION_MAX_* max (libcurl's CURLOPT_SSLVERSION; default 0, the platform's).</summary>
    public long SslVersion { get => _options.SslVersion; set => Set(CurlOption.SslVersion, value); }
    /// <summary>CURLUSESSL_* level of TLS for FTP (libcurl's CURLOPT_USE_SSL; default 0, none).</summary>
    public long UseSsl { get => _options.UseSsl; set => Set(CurlOption.UseSsl, value); }
    /// <summary>How an FTP path is walked: 1 one CWD per directory (default), 2 no CWD, 3 one CWD (libcurl's CURLOPT_FTP_FILEMETHOD).</summary>
    public long FtpFileMethod { get => _options.FtpFileMethod; set => Set(CurlOption.FtpFileMethod, value); }
    /// <summary>Create missing FTP directories on upload: 0 (default), 1, or 2 to retry CWD too (libcurl's CURLOPT_FTP_CREATE_MISSING_DIRS).</summary>
    public long FtpCreateMissingDirs { get => _options.FtpCreateMissingDirs; set => Set(CurlOption.FtpCreateMissingDirs, value); }
    /// <summary>How long to wait for the server's active-mode data connection, in ms (libcurl's CURLOPT_ACCEPTTIMEOUT_MS; default 60000).</summary>
    public long AcceptTimeoutMs { get => _options.AcceptTimeoutMs; set => Set(CurlOption.AcceptTimeoutMs, value); }
    /// <summary>FTP upload appends instead of replacing (libcurl's CURLOPT_APPEND; default false).</summary>
    public bool Append { get => _options.Append; set => Set(CurlOption.Append, value); }
    /// <summary>FTP commands sent after the transfer (libcurl's CURLOPT_POSTQUOTE; default none).</summary>
    public IReadOnlyList<string>? PostQuote { get => _options.PostQuote; set => Set(CurlOption.PostQuote, value); }
    /// <summary>FTP commands sent just before the transfer command (libcurl's CURLOPT_PREQUOTE; default none).</summary>
    public IReadOnlyList<string>? PreQuote { get => _options.PreQuote; set => Set(CurlOption.PreQuote, value); }
    /// <summary>Protocols a transfer may use, comma-separated ("http,https"; libcurl's CURLOPT_PROTOCOLS_STR; default all).</summary>
    public string? ProtocolsStr { get => _options.Protocols; set => Set(CurlOption.ProtocolsStr, value); }
    /// <summary>Protocols a redirect may go to (libcurl's CURLOPT_REDIR_PROTOCOLS_STR; default http,https,ftp,ftps).</summary>
    public string? RedirProtocolsStr { get => _options.RedirProtocols; set => Set(CurlOption.RedirProtocolsStr, value); }
    /// <summary>Receives every trace event while Verbose is on (libcurl's CURLOPT_DEBUGFUNCTION; default none: text to Stderr).</summary>
    public DebugCallback? DebugFunction { get => _options.DebugFunction; set => Set(CurlOption.DebugFunction, value); }
    /// <summary>Passed unchanged to DebugFunction (libcurl's CURLOPT_DEBUGDATA).</summary>
    public object? DebugData { get => _options.DebugData; set => Set(CurlOption.DebugData, value); }
}
