namespace Curlew.Cli.Args;

/// <summary>One piece of request body as given on the command line, kept raw until all flags are read.</summary>
internal sealed record DataPart(string Flag, string Value);

/// <summary>Where one URL's body goes: a named file, the URL's own file name (-O), or standard output (neither).</summary>
internal sealed record OutputTarget(string? FileName, bool RemoteName);

/// <summary>Everything the flags asked for; applied to every URL, except outputs which pair with URLs in order.</summary>
internal sealed partial class CliOptions
{
    public List<string> Urls { get; } = [];
    public List<OutputTarget> Outputs { get; } = [];
    public bool Silent, ShowError, Fail, FailWithBody, Location, Head, Include, Verbose, CreateDirs, Get;
    public bool SocketLog, NoProgressMeter, Ipv4, Ipv6, Insecure, ListOnly, Append, FtpCreateDirs, Ssl, SslReqd;
    public bool NoClobber;     // --no-clobber: an existing output file stays; the body goes to NAME.1 ... NAME.99
    public bool NoSessionId;   // --no-sessionid: every TLS handshake a full one
    public bool DisableEpsv, DisableEprt, AutoReferer, RemoteNameAll;
    public long HttpAuth;                       // 0 = libcurl's default (Basic)
    public long? MaxRedirs, SpeedLimit, SpeedTime, MaxFileSize, SslVersion;
    public double? MaxTime, ConnectTimeout;
    public string? OutputDir, Request, UserAgent, Referer, Cookie, UploadFile, User, Range, UnixSocket;
    public string? DumpHeader, WriteOut, Proxy, NoProxy, ProxyUser, CaCert, CaPath, Cert, Key, PinnedPubKey, FtpPort;
    public long ProxyType;                      // CURLPROXY_*: 0 HTTP (-x), 5 SOCKS5 (--socks5), 7 SOCKS5_HOSTNAME
    public bool ProxyTunnel;
    public long? ContinueAt;                    // -1 = "-": continue from the output file's size
    public List<string> Headers { get; } = [];
    public List<DataPart> Data { get; } = [];
    public List<string> Resolve { get; } = [];
    public List<string> ConnectTo { get; } = [];
    public List<string> Quote { get; } = [];
    public List<string> Warnings { get; init; } = [];
    /// <summary>Global: every --next group shares the one instance, so the last trace flag given wins for all.</summary>
    public Trace.TraceSettings Trace { get; private set; } = new();
    public bool DenyPrivate;
}
