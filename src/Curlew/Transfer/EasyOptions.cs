namespace Curlew;

/// <summary>
/// The option store behind <see cref="CurlEasy"/>: plain fields with libcurl's defaults. The engine reads a
/// <see cref="Clone"/> taken when a transfer starts, so a callback changing options cannot disturb a running transfer.
/// </summary>
internal sealed class EasyOptions
{
    public string? Url;
    public int Port;
    public bool Verbose, Header, NoBody, FailOnError, FollowLocation, ForbidReuse, FreshConnect;
    public RequestKind Method;
    public bool HttpProxyTunnel, DirListOnly, UnrestrictedAuth, AutoReferer;
    public bool NoProgress = true, SslVerifyPeer = true, SslSessionIdCache = true, FtpUseEpsv = true, FtpUseEprt = true, FtpSkipPasvIp = true, TcpNoDelay = true;
    public bool Filetime;
    public long FtpResponseTimeoutMs;
    public long SslVerifyHost = 2, MaxRedirs = -1, MaxConnects = 5, InFileSize = -1, PostFieldSize = -1, ResumeFrom;
    public long TimeoutMs, ConnectTimeoutMs, PostRedir, Expect100TimeoutMs = 1000, IpResolve, MaxFileSize, ProxyType, ProxyPort, HttpVersion;
    public long LowSpeedLimit, LowSpeedTime;
    public long MaxAgeConn = 118, MaxLifetimeConn;

    /// <summary>
    /// CURLOPT_SHARE: the attached <c>CurlShare</c>, kept as an object so this layer does not depend on the public
    /// handle types; the handle attaches and detaches it (CurlEasy.SyncShare).
    /// </summary>
    public object? Share;
    public long HttpAuth = 1, SslVersion, UseSsl, FtpFileMethod = 1, FtpCreateMissingDirs, AcceptTimeoutMs = 60_000;
    public bool Append;
    public string? CaPath, SslCert, SslCertType, SslKey, KeyPasswd, PinnedPublicKey, Protocols, RedirProtocols;
    public IReadOnlyList<string>? PostQuote, PreQuote;
    public DebugCallback? DebugFunction;
    public object? DebugData;
    public int BufferSize = 128 * 1024;
    public byte[]? PostFields;
    public string? Range, UserPwd, UserAgent, CustomRequest, Referer, Cookie, Proxy, NoProxy, ProxyUserPwd, ProxyUsername, ProxyPassword, CaInfo, FtpPort, UnixSocketPath, AcceptEncoding;
    public object? Private;
    public TextWriter? Stderr;
    public IReadOnlyList<string>? HttpHeader, Resolve, ConnectTo, Quote;

    /// <summary>
    /// Not a libcurl option: header lines sent only while the request carries a body (CurlHttpHandler's content
    /// headers), so a redirect that drops the body drops them too. Set through <c>CurlEasy.BodyHeaders</c>.
    /// </summary>
    public IReadOnlyList<string>? BodyHeaders;
    public WriteCallback? WriteFunction, HeaderFunction;
    public object? WriteData, HeaderData, ReadData, XferInfoData, OpenSocketData, CloseSocketData, SockOptData;
    public ReadCallback? ReadFunction;
    public XferInfoCallback? XferInfoFunction;
    public OpenSocketCallback? OpenSocketFunction;
    public CloseSocketCallback? CloseSocketFunction;
    public SockOptCallback? SockOptFunction;
    public SsrfGuard? SsrfGuard;   // Curlew-only, property-only: no CurlOption number

    /// <summary>Whether the request kind is an upload (PUT for HTTP).</summary>
    public bool Upload => Method == RequestKind.Put;

    /// <summary>Whether the request kind is a POST.</summary>
    public bool Post => Method == RequestKind.Post;

    // libcurl's rules for the request kind: switching a kind on takes over (and Post/Upload/HttpGet also undo NoBody);
    // switching Post or Upload off falls back to GET, whatever the kind was.
    public void SetUpload(bool on) { Method = on ? RequestKind.Put : RequestKind.Get; if (on) NoBody = false; }

    public void SetPost(bool on) { Method = on ? RequestKind.Post : RequestKind.Get; if (on) NoBody = false; }

    public void SetNoBody(bool on)
    {
        NoBody = on;
        if (on) Method = RequestKind.Head;
        else if (Method == RequestKind.Head) Method = RequestKind.Get;
    }

    public void SetHttpGet(bool on) { if (on) { Method = RequestKind.Get; NoBody = false; } }

    /// <summary>Snapshots reused across performs while the options stay the same; clones share it, Reset starts a new one.</summary>
    public readonly Transfer.SnapshotMemo Memo = new();

    public EasyOptions Clone() => (EasyOptions)MemberwiseClone();
}
