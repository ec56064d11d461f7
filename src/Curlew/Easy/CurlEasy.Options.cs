namespace Curlew;

// Typed twins of SetOpt: same names as the options, and each setter goes through the option's one table entry, so a
// value SetOpt refuses throws here (ArgumentOutOfRangeException for numbers, ArgumentException otherwise). What each
// option does and its default are written once, on its CurlOption member.
public sealed partial class CurlEasy
{
    /// <inheritdoc cref="CurlOption.Url" path="/summary"/>
    public string? Url { get => _options.Url; set => Set(CurlOption.Url, value); }
    /// <inheritdoc cref="CurlOption.Port" path="/summary"/>
    public int Port { get => _options.Port; set => Set(CurlOption.Port, value); }
    /// <inheritdoc cref="CurlOption.Verbose" path="/summary"/>
    public bool Verbose { get => _options.Verbose; set => Set(CurlOption.Verbose, value); }
    /// <inheritdoc cref="CurlOption.Header" path="/summary"/>
    public bool Header { get => _options.Header; set => Set(CurlOption.Header, value); }
    /// <inheritdoc cref="CurlOption.NoProgress" path="/summary"/>
    public bool NoProgress { get => _options.NoProgress; set => Set(CurlOption.NoProgress, value); }
    /// <inheritdoc cref="CurlOption.NoBody" path="/summary"/>
    public bool NoBody { get => _options.NoBody; set => Set(CurlOption.NoBody, value); }
    /// <inheritdoc cref="CurlOption.FailOnError" path="/summary"/>
    public bool FailOnError { get => _options.FailOnError; set => Set(CurlOption.FailOnError, value); }
    /// <inheritdoc cref="CurlOption.Upload" path="/summary"/>
    public bool Upload { get => _options.Upload; set => Set(CurlOption.Upload, value); }
    /// <inheritdoc cref="CurlOption.Post" path="/summary"/>
    public bool Post { get => _options.Post; set => Set(CurlOption.Post, value); }
    /// <inheritdoc cref="CurlOption.FollowLocation" path="/summary"/>
    public bool FollowLocation { get => _options.FollowLocation; set => Set(CurlOption.FollowLocation, value); }
    /// <inheritdoc cref="CurlOption.MaxRedirs" path="/summary"/>
    public long MaxRedirs { get => _options.MaxRedirs; set => Set(CurlOption.MaxRedirs, value); }
    /// <inheritdoc cref="CurlOption.MaxConnects" path="/summary"/>
    public long MaxConnects { get => _options.MaxConnects; set => Set(CurlOption.MaxConnects, value); }
    /// <inheritdoc cref="CurlOption.MaxAgeConn" path="/summary"/>
    public long MaxAgeConn { get => _options.MaxAgeConn; set => Set(CurlOption.MaxAgeConn, value); }
    /// <inheritdoc cref="CurlOption.MaxLifetimeConn" path="/summary"/>
    public long MaxLifetimeConn { get => _options.MaxLifetimeConn; set => Set(CurlOption.MaxLifetimeConn, value); }
    /// <inheritdoc cref="CurlOption.Share" path="/summary"/>
    public CurlShare? Share { get => _options.Share as CurlShare; set => Set(CurlOption.Share, value); }
    /// <inheritdoc cref="CurlOption.FreshConnect" path="/summary"/>
    public bool FreshConnect { get => _options.FreshConnect; set => Set(CurlOption.FreshConnect, value); }
    /// <inheritdoc cref="CurlOption.ForbidReuse" path="/summary"/>
    public bool ForbidReuse { get => _options.ForbidReuse; set => Set(CurlOption.ForbidReuse, value); }
    /// <inheritdoc cref="CurlOption.TimeoutMs" path="/summary"/>
    public long TimeoutMs { get => _options.TimeoutMs; set => Set(CurlOption.TimeoutMs, value); }
    /// <inheritdoc cref="CurlOption.ConnectTimeoutMs" path="/summary"/>
    public long ConnectTimeoutMs { get => _options.ConnectTimeoutMs; set => Set(CurlOption.ConnectTimeoutMs, value); }
    /// <inheritdoc cref="CurlOption.InFileSize" path="/summary"/>
    public long InFileSize { get => _options.InFileSize; set => Set(CurlOption.InFileSize, value); }
    /// <inheritdoc cref="CurlOption.PostFieldSize" path="/summary"/>
    public long PostFieldSize { get => _options.PostFieldSize; set => Set(CurlOption.PostFieldSize, value); }
    /// <inheritdoc cref="CurlOption.ResumeFrom" path="/summary"/>
    public long ResumeFrom { get => _options.ResumeFrom; set => Set(CurlOption.ResumeFrom, value); }
    /// <inheritdoc cref="CurlOption.Range" path="/summary"/>
    public string? Range { get => _options.Range; set => Set(CurlOption.Range, value); }
    /// <inheritdoc cref="CurlOption.UserPwd" path="/summary"/>
    public string? UserPwd { get => _options.UserPwd; set => Set(CurlOption.UserPwd, value); }
    /// <inheritdoc cref="CurlOption.UserAgent" path="/summary"/>
    public string? UserAgent { get => _options.UserAgent; set => Set(CurlOption.UserAgent, value); }
    /// <inheritdoc cref="CurlOption.CustomRequest" path="/summary"/>
    public string? CustomRequest { get => _options.CustomRequest; set => Set(CurlOption.CustomRequest, value); }
    /// <inheritdoc cref="CurlOption.Referer" path="/summary"/>
    public string? Referer { get => _options.Referer; set => Set(CurlOption.Referer, value); }
    /// <inheritdoc cref="CurlOption.Proxy" path="/summary"/>
    public string? Proxy { get => _options.Proxy; set => Set(CurlOption.Proxy, value); }
    /// <inheritdoc cref="CurlOption.NoProxy" path="/summary"/>
    public string? NoProxy { get => _options.NoProxy; set => Set(CurlOption.NoProxy, value); }
    /// <inheritdoc cref="CurlOption.ProxyUserPwd" path="/summary"/>
    public string? ProxyUserPwd { get => _options.ProxyUserPwd; set => Set(CurlOption.ProxyUserPwd, value); }
    /// <inheritdoc cref="CurlOption.ProxyUsername" path="/summary"/>
    public string? ProxyUsername { get => _options.ProxyUsername; set => Set(CurlOption.ProxyUsername, value); }
    /// <inheritdoc cref="CurlOption.ProxyPassword" path="/summary"/>
    public string? ProxyPassword { get => _options.ProxyPassword; set => Set(CurlOption.ProxyPassword, value); }
    /// <inheritdoc cref="CurlOption.UnixSocketPath" path="/summary"/>
    public string? UnixSocketPath { get => _options.UnixSocketPath; set => Set(CurlOption.UnixSocketPath, value); }
    /// <inheritdoc cref="CurlOption.HttpHeader" path="/summary"/>
    public IReadOnlyList<string>? HttpHeader { get => _options.HttpHeader; set => Set(CurlOption.HttpHeader, value); }
    /// <inheritdoc cref="CurlOption.Resolve" path="/summary"/>
    public IReadOnlyList<string>? Resolve { get => _options.Resolve; set => Set(CurlOption.Resolve, value); }
    /// <inheritdoc cref="CurlOption.ConnectTo" path="/summary"/>
    public IReadOnlyList<string>? ConnectTo { get => _options.ConnectTo; set => Set(CurlOption.ConnectTo, value); }
    /// <inheritdoc cref="CurlOption.HeaderFunction" path="/summary"/>
    public WriteCallback? HeaderFunction { get => _options.HeaderFunction; set => Set(CurlOption.HeaderFunction, value); }
    /// <inheritdoc cref="CurlOption.HeaderData" path="/summary"/>
    public object? HeaderData { get => _options.HeaderData; set => Set(CurlOption.HeaderData, value); }
    /// <inheritdoc cref="CurlOption.ReadFunction" path="/summary"/>
    public ReadCallback? ReadFunction { get => _options.ReadFunction; set => Set(CurlOption.ReadFunction, value); }
    /// <inheritdoc cref="CurlOption.ReadData" path="/summary"/>
    public object? ReadData { get => _options.ReadData; set => Set(CurlOption.ReadData, value); }
    /// <inheritdoc cref="CurlOption.XferInfoFunction" path="/summary"/>
    public XferInfoCallback? XferInfoFunction { get => _options.XferInfoFunction; set => Set(CurlOption.XferInfoFunction, value); }
    /// <inheritdoc cref="CurlOption.XferInfoData" path="/summary"/>
    public object? XferInfoData { get => _options.XferInfoData; set => Set(CurlOption.XferInfoData, value); }
    /// <inheritdoc cref="CurlOption.OpenSocketFunction" path="/summary"/>
    public OpenSocketCallback? OpenSocketFunction { get => _options.OpenSocketFunction; set => Set(CurlOption.OpenSocketFunction, value); }
    /// <inheritdoc cref="CurlOption.OpenSocketData" path="/summary"/>
    public object? OpenSocketData { get => _options.OpenSocketData; set => Set(CurlOption.OpenSocketData, value); }
    /// <inheritdoc cref="CurlOption.CloseSocketFunction" path="/summary"/>
    public CloseSocketCallback? CloseSocketFunction { get => _options.CloseSocketFunction; set => Set(CurlOption.CloseSocketFunction, value); }
    /// <inheritdoc cref="CurlOption.CloseSocketData" path="/summary"/>
    public object? CloseSocketData { get => _options.CloseSocketData; set => Set(CurlOption.CloseSocketData, value); }
    /// <inheritdoc cref="CurlOption.SockOptFunction" path="/summary"/>
    public SockOptCallback? SockOptFunction { get => _options.SockOptFunction; set => Set(CurlOption.SockOptFunction, value); }
    /// <inheritdoc cref="CurlOption.SockOptData" path="/summary"/>
    public object? SockOptData { get => _options.SockOptData; set => Set(CurlOption.SockOptData, value); }
    /// <inheritdoc cref="CurlOption.WriteFunction" path="/summary"/>
    public WriteCallback? WriteFunction { get => _options.WriteFunction; set => Set(CurlOption.WriteFunction, value); }
    /// <inheritdoc cref="CurlOption.WriteData" path="/summary"/>
    public object? WriteData { get => _options.WriteData; set => Set(CurlOption.WriteData, value); }
    /// <inheritdoc cref="CurlOption.PostFields" path="/summary"/>
    public byte[]? PostFields { get => _options.PostFields; set => Set(CurlOption.PostFields, value); }
    /// <inheritdoc cref="CurlOption.AutoReferer" path="/summary"/>
    public bool AutoReferer { get => _options.AutoReferer; set => Set(CurlOption.AutoReferer, value); }
    /// <inheritdoc cref="CurlOption.UnrestrictedAuth" path="/summary"/>
    public bool UnrestrictedAuth { get => _options.UnrestrictedAuth; set => Set(CurlOption.UnrestrictedAuth, value); }
    /// <inheritdoc cref="CurlOption.PostRedir" path="/summary"/>
    public long PostRedir { get => _options.PostRedir; set => Set(CurlOption.PostRedir, value); }
    /// <inheritdoc cref="CurlOption.MaxFileSize" path="/summary"/>
    public long MaxFileSize { get => _options.MaxFileSize; set => Set(CurlOption.MaxFileSize, value); }
    /// <inheritdoc cref="CurlOption.IpResolve" path="/summary"/>
    public long IpResolve { get => _options.IpResolve; set => Set(CurlOption.IpResolve, value); }
    /// <inheritdoc cref="CurlOption.BufferSize" path="/summary"/>
    public int BufferSize { get => _options.BufferSize; set => Set(CurlOption.BufferSize, value); }
    /// <inheritdoc cref="CurlOption.Cookie" path="/summary"/>
    public string? Cookie { get => _options.Cookie; set => Set(CurlOption.Cookie, value); }
    /// <inheritdoc cref="CurlOption.TcpNoDelay" path="/summary"/>
    public bool TcpNoDelay { get => _options.TcpNoDelay; set => Set(CurlOption.TcpNoDelay, value); }
    /// <inheritdoc cref="CurlOption.Expect100TimeoutMs" path="/summary"/>
    public long Expect100TimeoutMs { get => _options.Expect100TimeoutMs; set => Set(CurlOption.Expect100TimeoutMs, value); }
    /// <inheritdoc cref="CurlOption.LowSpeedLimit" path="/summary"/>
    public long LowSpeedLimit { get => _options.LowSpeedLimit; set => Set(CurlOption.LowSpeedLimit, value); }
    /// <inheritdoc cref="CurlOption.LowSpeedTime" path="/summary"/>
    public long LowSpeedTime { get => _options.LowSpeedTime; set => Set(CurlOption.LowSpeedTime, value); }
    /// <inheritdoc cref="CurlOption.HttpVersion" path="/summary"/>
    public long HttpVersion { get => _options.HttpVersion; set => Set(CurlOption.HttpVersion, value); }
    /// <inheritdoc cref="CurlOption.AcceptEncoding" path="/summary"/>
    public string? AcceptEncoding { get => _options.AcceptEncoding; set => Set(CurlOption.AcceptEncoding, value); }
    /// <inheritdoc cref="CurlOption.Private" path="/summary"/>
    public object? Private { get => _options.Private; set => Set(CurlOption.Private, value); }
    /// <inheritdoc cref="CurlOption.Stderr" path="/summary"/>
    public TextWriter? Stderr { get => _options.Stderr; set => Set(CurlOption.Stderr, value); }
    /// <inheritdoc cref="CurlOption.ProxyPort" path="/summary"/>
    public long ProxyPort { get => _options.ProxyPort; set => Set(CurlOption.ProxyPort, value); }
    /// <inheritdoc cref="CurlOption.ProxyType" path="/summary"/>
    public long ProxyType { get => _options.ProxyType; set => Set(CurlOption.ProxyType, value); }
    /// <inheritdoc cref="CurlOption.HttpProxyTunnel" path="/summary"/>
    public bool HttpProxyTunnel { get => _options.HttpProxyTunnel; set => Set(CurlOption.HttpProxyTunnel, value); }
    /// <inheritdoc cref="CurlOption.SslVerifyPeer" path="/summary"/>
    public bool SslVerifyPeer { get => _options.SslVerifyPeer; set => Set(CurlOption.SslVerifyPeer, value); }

    /// <inheritdoc cref="CurlOption.SslSessionIdCache" path="/summary"/>
    public bool SslSessionIdCache { get => _options.SslSessionIdCache; set => Set(CurlOption.SslSessionIdCache, value); }
    /// <inheritdoc cref="CurlOption.SslVerifyHost" path="/summary"/>
    public long SslVerifyHost { get => _options.SslVerifyHost; set => Set(CurlOption.SslVerifyHost, value); }
    /// <inheritdoc cref="CurlOption.CaInfo" path="/summary"/>
    public string? CaInfo { get => _options.CaInfo; set => Set(CurlOption.CaInfo, value); }
    /// <inheritdoc cref="CurlOption.FtpPort" path="/summary"/>
    public string? FtpPort { get => _options.FtpPort; set => Set(CurlOption.FtpPort, value); }
    /// <inheritdoc cref="CurlOption.FtpUseEpsv" path="/summary"/>
    public bool FtpUseEpsv { get => _options.FtpUseEpsv; set => Set(CurlOption.FtpUseEpsv, value); }
    /// <inheritdoc cref="CurlOption.FtpUseEprt" path="/summary"/>
    public bool FtpUseEprt { get => _options.FtpUseEprt; set => Set(CurlOption.FtpUseEprt, value); }
    /// <inheritdoc cref="CurlOption.FtpSkipPasvIp" path="/summary"/>
    public bool FtpSkipPasvIp { get => _options.FtpSkipPasvIp; set => Set(CurlOption.FtpSkipPasvIp, value); }
    /// <inheritdoc cref="CurlOption.Filetime" path="/summary"/>
    public bool Filetime { get => _options.Filetime; set => Set(CurlOption.Filetime, value); }
    /// <inheritdoc cref="CurlOption.FtpResponseTimeout" path="/summary"/>
    public long FtpResponseTimeout { get => _options.FtpResponseTimeoutMs / 1000; set => Set(CurlOption.FtpResponseTimeout, value); }
    /// <inheritdoc cref="CurlOption.DirListOnly" path="/summary"/>
    public bool DirListOnly { get => _options.DirListOnly; set => Set(CurlOption.DirListOnly, value); }
    /// <inheritdoc cref="CurlOption.Quote" path="/summary"/>
    public IReadOnlyList<string>? Quote { get => _options.Quote; set => Set(CurlOption.Quote, value); }
    /// <inheritdoc cref="CurlOption.HttpAuth" path="/summary"/>
    public long HttpAuth { get => _options.HttpAuth; set => Set(CurlOption.HttpAuth, value); }
    /// <inheritdoc cref="CurlOption.CaPath" path="/summary"/>
    public string? CaPath { get => _options.CaPath; set => Set(CurlOption.CaPath, value); }
    /// <inheritdoc cref="CurlOption.SslCert" path="/summary"/>
    public string? SslCert { get => _options.SslCert; set => Set(CurlOption.SslCert, value); }
    /// <inheritdoc cref="CurlOption.SslCertType" path="/summary"/>
    public string? SslCertType { get => _options.SslCertType; set => Set(CurlOption.SslCertType, value); }
    /// <inheritdoc cref="CurlOption.SslKey" path="/summary"/>
    public string? SslKey { get => _options.SslKey; set => Set(CurlOption.SslKey, value); }
    /// <inheritdoc cref="CurlOption.KeyPasswd" path="/summary"/>
    public string? KeyPasswd { get => _options.KeyPasswd; set => Set(CurlOption.KeyPasswd, value); }
    /// <inheritdoc cref="CurlOption.PinnedPublicKey" path="/summary"/>
    public string? PinnedPublicKey { get => _options.PinnedPublicKey; set => Set(CurlOption.PinnedPublicKey, value); }
    /// <inheritdoc cref="CurlOption.SslVersion" path="/summary"/>
    public long SslVersion { get => _options.SslVersion; set => Set(CurlOption.SslVersion, value); }
    /// <inheritdoc cref="CurlOption.UseSsl" path="/summary"/>
    public long UseSsl { get => _options.UseSsl; set => Set(CurlOption.UseSsl, value); }
    /// <inheritdoc cref="CurlOption.FtpFileMethod" path="/summary"/>
    public long FtpFileMethod { get => _options.FtpFileMethod; set => Set(CurlOption.FtpFileMethod, value); }
    /// <inheritdoc cref="CurlOption.FtpCreateMissingDirs" path="/summary"/>
    public long FtpCreateMissingDirs { get => _options.FtpCreateMissingDirs; set => Set(CurlOption.FtpCreateMissingDirs, value); }
    /// <inheritdoc cref="CurlOption.AcceptTimeoutMs" path="/summary"/>
    public long AcceptTimeoutMs { get => _options.AcceptTimeoutMs; set => Set(CurlOption.AcceptTimeoutMs, value); }
    /// <inheritdoc cref="CurlOption.Append" path="/summary"/>
    public bool Append { get => _options.Append; set => Set(CurlOption.Append, value); }
    /// <inheritdoc cref="CurlOption.PostQuote" path="/summary"/>
    public IReadOnlyList<string>? PostQuote { get => _options.PostQuote; set => Set(CurlOption.PostQuote, value); }
    /// <inheritdoc cref="CurlOption.PreQuote" path="/summary"/>
    public IReadOnlyList<string>? PreQuote { get => _options.PreQuote; set => Set(CurlOption.PreQuote, value); }
    /// <inheritdoc cref="CurlOption.ProtocolsStr" path="/summary"/>
    public string? ProtocolsStr { get => _options.Protocols; set => Set(CurlOption.ProtocolsStr, value); }
    /// <inheritdoc cref="CurlOption.RedirProtocolsStr" path="/summary"/>
    public string? RedirProtocolsStr { get => _options.RedirProtocols; set => Set(CurlOption.RedirProtocolsStr, value); }
    /// <inheritdoc cref="CurlOption.DebugFunction" path="/summary"/>
    public DebugCallback? DebugFunction { get => _options.DebugFunction; set => Set(CurlOption.DebugFunction, value); }
    /// <inheritdoc cref="CurlOption.DebugData" path="/summary"/>
    public object? DebugData { get => _options.DebugData; set => Set(CurlOption.DebugData, value); }
}
