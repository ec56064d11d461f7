using System.Text;
using static Curlew.OptionRules;

namespace Curlew;

/// <summary>
/// The one place each option is defined: its libcurl name, the kind of value it takes, its check (libcurl 7.88's
/// setopt verdicts) and where it is stored in <see cref="EasyOptions"/>. What an option does and its default are
/// documented on its <see cref="CurlOption"/> member; the defaults themselves are <see cref="EasyOptions"/>' initial
/// values. <see cref="CurlEasy.SetOpt"/> and every typed property go through <see cref="Find"/>.
/// </summary>
internal static class OptionTable
{
    // A plain dictionary, read-only after the type initializer: FrozenDictionary would load System.Collections.Immutable
    // and System.Linq (1.5 MB resident) into every process that sets an option, for a lookup made once per SetOpt.
    private static readonly Dictionary<CurlOption, OptionDescriptor> Entries = Index(Build());

    /// <summary>The entry for <paramref name="option"/>, or null for a number Curlew does not have.</summary>
    public static OptionDescriptor? Find(CurlOption option) => Entries.GetValueOrDefault(option);

    /// <summary>Every entry, for tests that hold the table against <see cref="CurlOption"/>.</summary>
    public static IEnumerable<OptionDescriptor> All => Entries.Values;

    private static Dictionary<CurlOption, OptionDescriptor> Index(OptionDescriptor[] entries)
    {
        var byOption = new Dictionary<CurlOption, OptionDescriptor>(entries.Length);
        foreach (var entry in entries) byOption.Add(entry.Option, entry);   // throws on a duplicate, as it should
        return byOption;
    }

    private static OptionDescriptor[] Build() =>
    [
        // numbers and switches
        Long(CurlOption.Port, "CURLOPT_PORT", Range(0, 65535), (o, v) => o.Port = (int)v),
        Bool(CurlOption.Verbose, "CURLOPT_VERBOSE", (o, v) => o.Verbose = v),
        Bool(CurlOption.Header, "CURLOPT_HEADER", (o, v) => o.Header = v),
        Bool(CurlOption.NoProgress, "CURLOPT_NOPROGRESS", (o, v) => o.NoProgress = v),
        Bool(CurlOption.NoBody, "CURLOPT_NOBODY", (o, v) => o.SetNoBody(v)),
        Bool(CurlOption.FailOnError, "CURLOPT_FAILONERROR", (o, v) => o.FailOnError = v),
        Bool(CurlOption.Upload, "CURLOPT_UPLOAD", (o, v) => o.SetUpload(v)),
        Bool(CurlOption.Put, "CURLOPT_PUT", (o, v) => o.SetUpload(v)),
        Bool(CurlOption.Post, "CURLOPT_POST", (o, v) => o.SetPost(v)),
        Bool(CurlOption.HttpGet, "CURLOPT_HTTPGET", (o, v) => o.SetHttpGet(v)),
        Bool(CurlOption.DirListOnly, "CURLOPT_DIRLISTONLY", (o, v) => o.DirListOnly = v),
        Bool(CurlOption.FollowLocation, "CURLOPT_FOLLOWLOCATION", (o, v) => o.FollowLocation = v),
        Bool(CurlOption.AutoReferer, "CURLOPT_AUTOREFERER", (o, v) => o.AutoReferer = v),
        Bool(CurlOption.UnrestrictedAuth, "CURLOPT_UNRESTRICTED_AUTH", (o, v) => o.UnrestrictedAuth = v),
        Bool(CurlOption.HttpProxyTunnel, "CURLOPT_HTTPPROXYTUNNEL", (o, v) => o.HttpProxyTunnel = v),
        Bool(CurlOption.SslVerifyPeer, "CURLOPT_SSL_VERIFYPEER", (o, v) => o.SslVerifyPeer = v),
        Bool(CurlOption.SslSessionIdCache, "CURLOPT_SSL_SESSIONID_CACHE", (o, v) => o.SslSessionIdCache = v),
        Long(CurlOption.SslVerifyHost, "CURLOPT_SSL_VERIFYHOST", Any, (o, v) => o.SslVerifyHost = v != 0 ? 2 : 0),   // libcurl takes any value: non-zero means verify
        Long(CurlOption.MaxRedirs, "CURLOPT_MAXREDIRS", AtLeast(-1), (o, v) => o.MaxRedirs = v),
        Long(CurlOption.MaxConnects, "CURLOPT_MAXCONNECTS", AtLeast(0), (o, v) => o.MaxConnects = v),
        Long(CurlOption.MaxAgeConn, "CURLOPT_MAXAGE_CONN", AtLeast(0), (o, v) => o.MaxAgeConn = v),
        Long(CurlOption.MaxLifetimeConn, "CURLOPT_MAXLIFETIME_CONN", AtLeast(0), (o, v) => o.MaxLifetimeConn = v),
        Bool(CurlOption.FreshConnect, "CURLOPT_FRESH_CONNECT", (o, v) => o.FreshConnect = v),
        Bool(CurlOption.ForbidReuse, "CURLOPT_FORBID_REUSE", (o, v) => o.ForbidReuse = v),
        Long(CurlOption.Timeout, "CURLOPT_TIMEOUT", SecondsToMs, (o, v) => o.TimeoutMs = v),
        Long(CurlOption.TimeoutMs, "CURLOPT_TIMEOUT_MS", UnsignedMs, (o, v) => o.TimeoutMs = v),
        Long(CurlOption.ConnectTimeout, "CURLOPT_CONNECTTIMEOUT", SecondsToMs, (o, v) => o.ConnectTimeoutMs = v),
        Long(CurlOption.ConnectTimeoutMs, "CURLOPT_CONNECTTIMEOUT_MS", UnsignedMs, (o, v) => o.ConnectTimeoutMs = v),
        Long(CurlOption.Expect100TimeoutMs, "CURLOPT_EXPECT_100_TIMEOUT_MS", AtLeast(0), (o, v) => o.Expect100TimeoutMs = v),
        Long(CurlOption.LowSpeedLimit, "CURLOPT_LOW_SPEED_LIMIT", AtLeast(0), (o, v) => o.LowSpeedLimit = v),
        Long(CurlOption.LowSpeedTime, "CURLOPT_LOW_SPEED_TIME", AtLeast(0), (o, v) => o.LowSpeedTime = v),
        Long(CurlOption.InFileSize, "CURLOPT_INFILESIZE", AtLeast(-1), (o, v) => o.InFileSize = v),
        OffT(CurlOption.InFileSizeLarge, "CURLOPT_INFILESIZE_LARGE", AtLeast(-1), (o, v) => o.InFileSize = v),
        Long(CurlOption.PostFieldSize, "CURLOPT_POSTFIELDSIZE", AtLeast(-1), (o, v) => o.PostFieldSize = v),
        OffT(CurlOption.PostFieldSizeLarge, "CURLOPT_POSTFIELDSIZE_LARGE", AtLeast(-1), (o, v) => o.PostFieldSize = v),
        // -1: an upload resumes from the end of what the server has
        Long(CurlOption.ResumeFrom, "CURLOPT_RESUME_FROM", AtLeast(-1), (o, v) => o.ResumeFrom = v),
        OffT(CurlOption.ResumeFromLarge, "CURLOPT_RESUME_FROM_LARGE", AtLeast(-1), (o, v) => o.ResumeFrom = v),
        Long(CurlOption.MaxFileSize, "CURLOPT_MAXFILESIZE", AtLeast(0), (o, v) => o.MaxFileSize = v),
        OffT(CurlOption.MaxFileSizeLarge, "CURLOPT_MAXFILESIZE_LARGE", AtLeast(0), (o, v) => o.MaxFileSize = v),
        Long(CurlOption.PostRedir, "CURLOPT_POSTREDIR", RangeThenMask(0, 7), (o, v) => o.PostRedir = v),
        Long(CurlOption.IpResolve, "CURLOPT_IPRESOLVE", Range(0, 2), (o, v) => o.IpResolve = v),
        Long(CurlOption.HttpVersion, "CURLOPT_HTTP_VERSION", OptionRules.HttpVersion, (o, v) => o.HttpVersion = v),
        Long(CurlOption.ProxyType, "CURLOPT_PROXYTYPE", Range(0, 7), (o, v) => o.ProxyType = v),
        Long(CurlOption.ProxyPort, "CURLOPT_PROXYPORT", Range(0, 65535), (o, v) => o.ProxyPort = v),
        Long(CurlOption.BufferSize, "CURLOPT_BUFFERSIZE", OptionRules.BufferSize, (o, v) => o.BufferSize = (int)v),
        Bool(CurlOption.TcpNoDelay, "CURLOPT_TCP_NODELAY", (o, v) => o.TcpNoDelay = v),
        Bool(CurlOption.NoSignal, "CURLOPT_NOSIGNAL", (_, _) => { }),   // .NET has no SIGALRM-based resolver to silence
        Bool(CurlOption.FtpUseEpsv, "CURLOPT_FTP_USE_EPSV", (o, v) => o.FtpUseEpsv = v),
        Bool(CurlOption.FtpUseEprt, "CURLOPT_FTP_USE_EPRT", (o, v) => o.FtpUseEprt = v),
        Bool(CurlOption.FtpSkipPasvIp, "CURLOPT_FTP_SKIP_PASV_IP", (o, v) => o.FtpSkipPasvIp = v),
        Bool(CurlOption.Filetime, "CURLOPT_FILETIME", (o, v) => o.Filetime = v),
        Long(CurlOption.FtpResponseTimeout, "CURLOPT_FTP_RESPONSE_TIMEOUT", SecondsToMs, (o, v) => o.FtpResponseTimeoutMs = v),
        Long(CurlOption.HttpAuth, "CURLOPT_HTTPAUTH", Any, (o, v) => o.HttpAuth = v),
        Long(CurlOption.SslVersion, "CURLOPT_SSLVERSION", OptionRules.SslVersion, (o, v) => o.SslVersion = v),
        Long(CurlOption.UseSsl, "CURLOPT_USE_SSL", Range(0, 3), (o, v) => o.UseSsl = v),
        Long(CurlOption.FtpFileMethod, "CURLOPT_FTP_FILEMETHOD", RangeWithDefault(0, 3, whenZero: 1), (o, v) => o.FtpFileMethod = v),
        Long(CurlOption.FtpCreateMissingDirs, "CURLOPT_FTP_CREATE_MISSING_DIRS", Range(0, 2), (o, v) => o.FtpCreateMissingDirs = v),
        Long(CurlOption.AcceptTimeoutMs, "CURLOPT_ACCEPTTIMEOUT_MS", UnsignedMsWithDefault(60_000), (o, v) => o.AcceptTimeoutMs = v),
        Bool(CurlOption.Append, "CURLOPT_APPEND", (o, v) => o.Append = v),
        Long(CurlOption.Protocols, "CURLOPT_PROTOCOLS", Any, (o, v) => o.Protocols = ProtocolMask(v)),
        Long(CurlOption.RedirProtocols, "CURLOPT_REDIR_PROTOCOLS", Any, (o, v) => o.RedirProtocols = ProtocolMask(v)),

        // text that goes on the wire: CR or LF in it could inject lines, so it is refused
        Text(CurlOption.Url, "CURLOPT_URL", (o, v) => o.Url = v, headerSafe: true),
        Text(CurlOption.Range, "CURLOPT_RANGE", (o, v) => o.Range = v, headerSafe: true),
        Text(CurlOption.UserPwd, "CURLOPT_USERPWD", (o, v) => o.UserPwd = v, headerSafe: true),
        Text(CurlOption.UserAgent, "CURLOPT_USERAGENT", (o, v) => o.UserAgent = v, headerSafe: true),
        Text(CurlOption.CustomRequest, "CURLOPT_CUSTOMREQUEST", (o, v) => o.CustomRequest = v, headerSafe: true),
        Text(CurlOption.Referer, "CURLOPT_REFERER", (o, v) => o.Referer = v, headerSafe: true),
        Text(CurlOption.Cookie, "CURLOPT_COOKIE", (o, v) => o.Cookie = v, headerSafe: true),
        Lines(CurlOption.HttpHeader, "CURLOPT_HTTPHEADER", (o, v) => o.HttpHeader = v, headerSafe: true),

        // other text and lists
        Text(CurlOption.Proxy, "CURLOPT_PROXY", (o, v) => o.Proxy = v),
        Text(CurlOption.NoProxy, "CURLOPT_NOPROXY", (o, v) => o.NoProxy = v),
        Text(CurlOption.ProxyUserPwd, "CURLOPT_PROXYUSERPWD", (o, v) => o.ProxyUserPwd = v),
        Text(CurlOption.ProxyUsername, "CURLOPT_PROXYUSERNAME", (o, v) => o.ProxyUsername = v),
        Text(CurlOption.ProxyPassword, "CURLOPT_PROXYPASSWORD", (o, v) => o.ProxyPassword = v),
        Text(CurlOption.CaInfo, "CURLOPT_CAINFO", (o, v) => o.CaInfo = v),
        Text(CurlOption.CaPath, "CURLOPT_CAPATH", (o, v) => o.CaPath = v),
        Text(CurlOption.SslCert, "CURLOPT_SSLCERT", (o, v) => o.SslCert = v),
        Text(CurlOption.SslCertType, "CURLOPT_SSLCERTTYPE", (o, v) => o.SslCertType = v),
        Text(CurlOption.SslKey, "CURLOPT_SSLKEY", (o, v) => o.SslKey = v),
        Text(CurlOption.KeyPasswd, "CURLOPT_KEYPASSWD", (o, v) => o.KeyPasswd = v),
        Text(CurlOption.PinnedPublicKey, "CURLOPT_PINNEDPUBLICKEY", (o, v) => o.PinnedPublicKey = v),
        Text(CurlOption.FtpPort, "CURLOPT_FTPPORT", (o, v) => o.FtpPort = v),
        Text(CurlOption.UnixSocketPath, "CURLOPT_UNIX_SOCKET_PATH", (o, v) => o.UnixSocketPath = v),
        Text(CurlOption.AcceptEncoding, "CURLOPT_ACCEPT_ENCODING", (o, v) => o.AcceptEncoding = v),
        Text(CurlOption.ProtocolsStr, "CURLOPT_PROTOCOLS_STR", (o, v) => o.Protocols = v),
        Text(CurlOption.RedirProtocolsStr, "CURLOPT_REDIR_PROTOCOLS_STR", (o, v) => o.RedirProtocols = v),
        Lines(CurlOption.Resolve, "CURLOPT_RESOLVE", (o, v) => o.Resolve = v),
        Lines(CurlOption.ConnectTo, "CURLOPT_CONNECT_TO", (o, v) => o.ConnectTo = v),
        Lines(CurlOption.Quote, "CURLOPT_QUOTE", (o, v) => o.Quote = v),
        Lines(CurlOption.PostQuote, "CURLOPT_POSTQUOTE", (o, v) => o.PostQuote = v),
        Lines(CurlOption.PreQuote, "CURLOPT_PREQUOTE", (o, v) => o.PreQuote = v),

        // bodies and writers with their own conversions
        new(CurlOption.PostFields, "CURLOPT_POSTFIELDS", OptionKind.Object, SetPostFields, "a string, byte[] or ReadOnlyMemory<byte>"),
        new(CurlOption.Share, "CURLOPT_SHARE", OptionKind.Object, SetShare, "a CurlShare or null"),
        new(CurlOption.Stderr, "CURLOPT_STDERR", OptionKind.Object, SetStderr, "a TextWriter or a writable Stream"),

        // callbacks and the objects handed to them
        Callback<WriteCallback>(CurlOption.WriteFunction, "CURLOPT_WRITEFUNCTION", (o, v) => o.WriteFunction = v),
        Callback<WriteCallback>(CurlOption.HeaderFunction, "CURLOPT_HEADERFUNCTION", (o, v) => o.HeaderFunction = v),
        Callback<ReadCallback>(CurlOption.ReadFunction, "CURLOPT_READFUNCTION", (o, v) => o.ReadFunction = v),
        Callback<XferInfoCallback>(CurlOption.XferInfoFunction, "CURLOPT_XFERINFOFUNCTION", (o, v) => o.XferInfoFunction = v),
        Callback<OpenSocketCallback>(CurlOption.OpenSocketFunction, "CURLOPT_OPENSOCKETFUNCTION", (o, v) => o.OpenSocketFunction = v),
        Callback<CloseSocketCallback>(CurlOption.CloseSocketFunction, "CURLOPT_CLOSESOCKETFUNCTION", (o, v) => o.CloseSocketFunction = v),
        Callback<SockOptCallback>(CurlOption.SockOptFunction, "CURLOPT_SOCKOPTFUNCTION", (o, v) => o.SockOptFunction = v),
        Callback<DebugCallback>(CurlOption.DebugFunction, "CURLOPT_DEBUGFUNCTION", (o, v) => o.DebugFunction = v),
        Data(CurlOption.WriteData, "CURLOPT_WRITEDATA", (o, v) => o.WriteData = v),
        Data(CurlOption.HeaderData, "CURLOPT_HEADERDATA", (o, v) => o.HeaderData = v),
        Data(CurlOption.ReadData, "CURLOPT_READDATA", (o, v) => o.ReadData = v),
        Data(CurlOption.XferInfoData, "CURLOPT_XFERINFODATA", (o, v) => o.XferInfoData = v),
        Data(CurlOption.OpenSocketData, "CURLOPT_OPENSOCKETDATA", (o, v) => o.OpenSocketData = v),
        Data(CurlOption.CloseSocketData, "CURLOPT_CLOSESOCKETDATA", (o, v) => o.CloseSocketData = v),
        Data(CurlOption.SockOptData, "CURLOPT_SOCKOPTDATA", (o, v) => o.SockOptData = v),
        Data(CurlOption.DebugData, "CURLOPT_DEBUGDATA", (o, v) => o.DebugData = v),
        Data(CurlOption.Private, "CURLOPT_PRIVATE", (o, v) => o.Private = v),
    ];

    private static OptionDescriptor Long(CurlOption option, string name, LongRule rule, Action<EasyOptions, long> store) =>
        new(option, name, OptionKind.Long, (o, value) => CheckAndStore(o, OptionValues.Long(value), rule, store));

    private static OptionDescriptor OffT(CurlOption option, string name, LongRule rule, Action<EasyOptions, long> store) =>
        new(option, name, OptionKind.OffT, (o, value) => CheckAndStore(o, OptionValues.Long(value), rule, store));

    private static OptionVerdict CheckAndStore(EasyOptions o, long v, LongRule rule, Action<EasyOptions, long> store)
    {
        var verdict = rule(ref v);
        if (verdict.Accepted) store(o, v);
        return verdict;
    }

    private static OptionDescriptor Bool(CurlOption option, string name, Action<EasyOptions, bool> store) =>
        new(option, name, OptionKind.Bool, (o, value) => { store(o, OptionValues.Bool(value)); return OptionVerdict.Ok; });

    private static OptionDescriptor Text(CurlOption option, string name, Action<EasyOptions, string?> store, bool headerSafe = false) =>
        new(option, name, OptionKind.String, (o, value) =>
        {
            var text = OptionValues.String(value);
            if (headerSafe && text is not null && text.AsSpan().ContainsAny('\r', '\n')) return LineBreakRefused("the value");
            store(o, text);
            return OptionVerdict.Ok;
        });

    private static OptionDescriptor Lines(CurlOption option, string name, Action<EasyOptions, IReadOnlyList<string>?> store, bool headerSafe = false) =>
        new(option, name, OptionKind.List, (o, value) =>
        {
            var lines = OptionValues.List(value);
            if (headerSafe && lines is not null)
                for (int i = 0; i < lines.Count; i++)
                {
                    if (lines[i] is null) return OptionVerdict.Bad($"entry {i} is null");
                    if (lines[i].AsSpan().ContainsAny('\r', '\n')) return LineBreakRefused($"entry {i}");
                }
            store(o, lines);
            return OptionVerdict.Ok;
        });

    private static OptionVerdict LineBreakRefused(string what) =>
        OptionVerdict.Bad($"{what} contains a CR or LF, which could inject lines into the request; Curlew refuses it");

    private static OptionDescriptor Callback<T>(CurlOption option, string name, Action<EasyOptions, T?> store) where T : Delegate =>
        new(option, name, OptionKind.Callback, (o, value) => { store(o, OptionValues.Callback<T>(value)); return OptionVerdict.Ok; },
            $"a {typeof(T).Name}");

    private static OptionDescriptor Data(CurlOption option, string name, Action<EasyOptions, object?> store) =>
        new(option, name, OptionKind.Object, (o, value) => { store(o, value); return OptionVerdict.Ok; });

    private static OptionVerdict SetPostFields(EasyOptions o, object? value)
    {
        o.PostFields = value switch
        {
            null => null,
            string s => Encoding.UTF8.GetBytes(s),
            byte[] b => b,
            ReadOnlyMemory<byte> m => m.ToArray(),
            _ => throw new InvalidCastException(),
        };
        o.Method = RequestKind.Post;   // as libcurl: even a null body makes it a POST, and NoBody stays as it was
        return OptionVerdict.Ok;
    }

    // The handle attaches what is stored here (CurlEasy.SyncShare); an ended share could never be used, so it is refused.
    private static OptionVerdict SetShare(EasyOptions o, object? value)
    {
        if (value is CurlShare { IsOpen: false }) return OptionVerdict.Bad("the share has been cleaned up or disposed");
        o.Share = value switch
        {
            null => null,
            CurlShare share => share,
            _ => throw new InvalidCastException(),
        };
        return OptionVerdict.Ok;
    }

    private static OptionVerdict SetStderr(EasyOptions o, object? value)
    {
        o.Stderr = value switch
        {
            null => null,
            TextWriter w => w,
            Stream { CanWrite: true } st => new StreamWriter(st, leaveOpen: true) { AutoFlush = true },
            _ => throw new InvalidCastException(),
        };
        return OptionVerdict.Ok;
    }

    // libcurl's CURLPROTO_* bits for the protocols Curlew knows, turned into the string form (CURLOPT_PROTOCOLS_STR).
    private static string ProtocolMask(long mask)
    {
        (long Bit, string Name)[] known = [(1 << 0, "http"), (1 << 1, "https"), (1 << 2, "ftp"), (1 << 3, "ftps")];
        var names = new List<string>();
        foreach (var (bit, name) in known) if ((mask & bit) != 0) names.Add(name);
        return string.Join(',', names);
    }
}
