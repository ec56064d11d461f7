namespace Curlew;

/// <summary>
/// The option store behind <see cref="CurlEasy"/>: plain fields with libcurl's defaults. The engine reads a
/// <see cref="Clone"/> taken when a transfer starts, so a callback changing options cannot disturb a running transfer.
/// </summary>
internal sealed class EasyOptions
{
    public string? Url;
    public int Port;
    public bool Verbose, Header, NoBody, FailOnError, Upload, Post, FollowLocation, ForbidReuse, FreshConnect;
    public bool HttpProxyTunnel, DirListOnly, UnrestrictedAuth, AutoReferer;
    public bool NoProgress = true, SslVerifyPeer = true, FtpUseEpsv = true, FtpUseEprt = true, TcpNoDelay = true;
    public long SslVerifyHost = 2, MaxRedirs = -1, MaxConnects = 5, InFileSize = -1, PostFieldSize = -1, ResumeFrom;
    public long TimeoutMs, ConnectTimeoutMs, PostRedir, Expect100TimeoutMs = 1000, IpResolve, MaxFileSize, ProxyType, HttpVersion;
    public long LowSpeedLimit, LowSpeedTime;
    public int BufferSize = 128 * 1024;
    public byte[]? PostFields;
    public string? Range, UserPwd, UserAgent, CustomRequest, Referer, Cookie, Proxy, NoProxy, CaInfo, FtpPort, UnixSocketPath, AcceptEncoding;
    public object? Private;
    public TextWriter? Stderr;
    public IReadOnlyList<string>? HttpHeader, Resolve, ConnectTo, Quote;
    public WriteCallback? WriteFunction, HeaderFunction;
    public object? WriteData, HeaderData, ReadData, XferInfoData, OpenSocketData, CloseSocketData, SockOptData;
    public ReadCallback? ReadFunction;
    public XferInfoCallback? XferInfoFunction;
    public OpenSocketCallback? OpenSocketFunction;
    public CloseSocketCallback? CloseSocketFunction;
    public SockOptCallback? SockOptFunction;

    public EasyOptions Clone() => (EasyOptions)MemberwiseClone();
}
