namespace Curlew.Connect;

/// <summary>
/// What the connection layer needs from a transfer's options, made once per perform (Transfer's ConnectSnapshot) so
/// Connect never sees the option store. Immutable with value equality: an unchanged handle gives equal settings,
/// which lets <see cref="RoutePlanner"/> reuse its last route.
/// </summary>
/// <param name="ConnectTimeoutMs">CURLOPT_CONNECTTIMEOUT_MS; 0 = libcurl's 300 s. Covers resolving, TCP and every handshake.</param>
/// <param name="IpResolve">CURLOPT_IPRESOLVE: 0 any, 1 IPv4 only, 2 IPv6 only.</param>
/// <param name="Resolve">CURLOPT_RESOLVE entries.</param>
/// <param name="ConnectTo">CURLOPT_CONNECT_TO rules.</param>
/// <param name="UnixSocketPath">CURLOPT_UNIX_SOCKET_PATH.</param>
/// <param name="TcpNoDelay">CURLOPT_TCP_NODELAY.</param>
/// <param name="BufferSize">CURLOPT_BUFFERSIZE, clamped to libcurl's range where it is set (the option table).</param>
/// <param name="FreshConnect">CURLOPT_FRESH_CONNECT.</param>
/// <param name="ForbidReuse">CURLOPT_FORBID_REUSE.</param>
/// <param name="MaxConnects">CURLOPT_MAXCONNECTS (0 = libcurl's 5).</param>
/// <param name="Proxy">The proxy options, as far as they decide the route.</param>
/// <param name="NoProxy">CURLOPT_NOPROXY: null = take it from the environment.</param>
/// <param name="Tls">The TLS options, used for https and ftps routes.</param>
/// <param name="UserPwd">CURLOPT_USERPWD: the login of routes whose protocol binds one to the connection (FTP).</param>
/// <param name="FtpUseSsl">CURLOPT_USE_SSL: above 0, ftp:// routes carry the TLS options for AUTH TLS.</param>
/// <param name="Guard">Curlew's SSRF guard (no libcurl option): null = off. Compared by reference.</param>
/// <param name="MaxAgeConn">CURLOPT_MAXAGE_CONN: seconds a pooled connection may sit idle and still be reused (libcurl's 118).</param>
/// <param name="MaxLifetimeConn">CURLOPT_MAXLIFETIME_CONN: seconds since a connection was made after which it is not reused (0 = no limit).</param>
internal sealed record ConnectSettings(long ConnectTimeoutMs, long IpResolve, IReadOnlyList<string>? Resolve,
    IReadOnlyList<string>? ConnectTo, string? UnixSocketPath, bool TcpNoDelay, int BufferSize, bool FreshConnect,
    bool ForbidReuse, long MaxConnects, Proxy.ProxyOptions Proxy, string? NoProxy, TlsSettings Tls, string? UserPwd, long FtpUseSsl = 0,
    SsrfGuard? Guard = null, long MaxAgeConn = 118, long MaxLifetimeConn = 0);
