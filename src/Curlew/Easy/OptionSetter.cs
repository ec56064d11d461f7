using System.Text;

namespace Curlew;

/// <summary>
/// Turns <see cref="CurlEasy.SetOpt"/>'s loosely typed values into the option store, the way libcurl's setopt does:
/// unknown options give <see cref="CurlCode.UnknownOption"/>, wrong types or out-of-range values give
/// <see cref="CurlCode.BadFunctionArgument"/>, and nothing throws.
/// </summary>
internal static class OptionSetter
{
    public static CurlCode Set(EasyOptions o, CurlOption option, object? value)
    {
        if (!Enum.IsDefined(option)) return CurlCode.UnknownOption;
        try { return Apply(o, option, value); }
        catch (InvalidCastException) { return CurlCode.BadFunctionArgument; }
        catch (FormatException) { return CurlCode.BadFunctionArgument; }
        catch (OverflowException) { return CurlCode.BadFunctionArgument; }
    }

    private static CurlCode Apply(EasyOptions o, CurlOption option, object? value)
    {
        switch (option)
        {
            case CurlOption.Url: o.Url = Str(value); break;
            case CurlOption.Port: return Range(Long(value), 0, 65535, v => o.Port = (int)v);
            case CurlOption.Verbose: o.Verbose = Bool(value); break;
            case CurlOption.Header: o.Header = Bool(value); break;
            case CurlOption.NoProgress: o.NoProgress = Bool(value); break;
            case CurlOption.NoBody: o.SetNoBody(Bool(value)); break;
            case CurlOption.FailOnError: o.FailOnError = Bool(value); break;
            case CurlOption.Upload or CurlOption.Put: o.SetUpload(Bool(value)); break;
            case CurlOption.Post: o.SetPost(Bool(value)); break;
            case CurlOption.HttpGet: o.SetHttpGet(Bool(value)); break;
            case CurlOption.DirListOnly: o.DirListOnly = Bool(value); break;
            case CurlOption.FollowLocation: o.FollowLocation = Bool(value); break;
            case CurlOption.AutoReferer: o.AutoReferer = Bool(value); break;
            case CurlOption.UnrestrictedAuth: o.UnrestrictedAuth = Bool(value); break;
            case CurlOption.HttpProxyTunnel: o.HttpProxyTunnel = Bool(value); break;
            case CurlOption.SslVerifyPeer: o.SslVerifyPeer = Bool(value); break;
            case CurlOption.SslVerifyHost: o.SslVerifyHost = Long(value) != 0 ? 2 : 0; break;   // libcurl takes any value: non-zero means verify
            case CurlOption.MaxRedirs: return Range(Long(value), -1, long.MaxValue, v => o.MaxRedirs = v);
            case CurlOption.MaxConnects: return Range(Long(value), 0, long.MaxValue, v => o.MaxConnects = v);
            case CurlOption.FreshConnect: o.FreshConnect = Bool(value); break;
            case CurlOption.ForbidReuse: o.ForbidReuse = Bool(value); break;
            case CurlOption.Timeout: return Range(Long(value), 0, int.MaxValue / 1000, v => o.TimeoutMs = v * 1000);
            case CurlOption.TimeoutMs: o.TimeoutMs = UnsignedMs(Long(value)); break;
            case CurlOption.ConnectTimeout: return Range(Long(value), 0, int.MaxValue / 1000, v => o.ConnectTimeoutMs = v * 1000);
            case CurlOption.ConnectTimeoutMs: o.ConnectTimeoutMs = UnsignedMs(Long(value)); break;
            case CurlOption.Expect100TimeoutMs: return Range(Long(value), 0, long.MaxValue, v => o.Expect100TimeoutMs = v);
            case CurlOption.LowSpeedLimit: return Range(Long(value), 0, long.MaxValue, v => o.LowSpeedLimit = v);
            case CurlOption.LowSpeedTime: return Range(Long(value), 0, long.MaxValue, v => o.LowSpeedTime = v);
            case CurlOption.InFileSize or CurlOption.InFileSizeLarge: return Range(Long(value), -1, long.MaxValue, v => o.InFileSize = v);
            case CurlOption.PostFieldSize or CurlOption.PostFieldSizeLarge: return Range(Long(value), -1, long.MaxValue, v => o.PostFieldSize = v);
            case CurlOption.ResumeFrom or CurlOption.ResumeFromLarge: return Range(Long(value), -1, long.MaxValue, v => o.ResumeFrom = v);   // -1: upload resume from the end of what the server has
            case CurlOption.MaxFileSize or CurlOption.MaxFileSizeLarge: return Range(Long(value), 0, long.MaxValue, v => o.MaxFileSize = v);
            case CurlOption.PostRedir: return Range(Long(value), 0, long.MaxValue, v => o.PostRedir = v & 7);   // libcurl keeps only the three known bits
            case CurlOption.IpResolve: return Range(Long(value), 0, 2, v => o.IpResolve = v);
            case CurlOption.HttpVersion: return HttpVersion(o, Long(value));
            case CurlOption.ProxyType: return Range(Long(value), 0, 7, v => o.ProxyType = v);
            case CurlOption.BufferSize: o.BufferSize = ClampBufferSize(Long(value)); break;
            case CurlOption.TcpNoDelay: o.TcpNoDelay = Bool(value); break;
            case CurlOption.NoSignal: Bool(value); break;
            case CurlOption.FtpUseEpsv: o.FtpUseEpsv = Bool(value); break;
            case CurlOption.FtpUseEprt: o.FtpUseEprt = Bool(value); break;
            case CurlOption.HttpAuth: o.HttpAuth = Long(value); break;
            case CurlOption.SslVersion: return Range(Long(value), 0, long.MaxValue, v => o.SslVersion = v);
            case CurlOption.UseSsl: return Range(Long(value), 0, 3, v => o.UseSsl = v);
            case CurlOption.FtpFileMethod: return Range(Long(value), 0, 3, v => o.FtpFileMethod = v == 0 ? 1 : v);
            case CurlOption.FtpCreateMissingDirs: return Range(Long(value), 0, 2, v => o.FtpCreateMissingDirs = v);
            case CurlOption.AcceptTimeoutMs: return Range(Long(value), 0, long.MaxValue, v => o.AcceptTimeoutMs = v == 0 ? 60_000 : v);
            case CurlOption.Append: o.Append = Bool(value); break;
            case CurlOption.Protocols: return Range(Long(value), 0, long.MaxValue, v => o.Protocols = ProtocolMask(v));
            case CurlOption.RedirProtocols: return Range(Long(value), 0, long.MaxValue, v => o.RedirProtocols = ProtocolMask(v));
            case CurlOption.ProtocolsStr: o.Protocols = Str(value); break;
            case CurlOption.RedirProtocolsStr: o.RedirProtocols = Str(value); break;
            case CurlOption.CaPath: o.CaPath = Str(value); break;
            case CurlOption.SslCert: o.SslCert = Str(value); break;
            case CurlOption.SslCertType: o.SslCertType = Str(value); break;
            case CurlOption.SslKey: o.SslKey = Str(value); break;
            case CurlOption.KeyPasswd: o.KeyPasswd = Str(value); break;
            case CurlOption.PinnedPublicKey: o.PinnedPublicKey = Str(value); break;
            case CurlOption.PostQuote: o.PostQuote = List(value); break;
            case CurlOption.PreQuote: o.PreQuote = List(value); break;
            case CurlOption.DebugFunction: o.DebugFunction = Fn<DebugCallback>(value); break;
            case CurlOption.DebugData: o.DebugData = value; break;
            case CurlOption.PostFields:
                o.PostFields = value switch
                {
                    null => null,
                    string s => Encoding.UTF8.GetBytes(s),
                    byte[] b => b,
                    ReadOnlyMemory<byte> m => m.ToArray(),
                    _ => throw new InvalidCastException(),
                };
                o.Method = RequestKind.Post;   // as libcurl: even a null body makes it a POST, and NoBody stays as it was
                break;
            case CurlOption.Range: o.Range = Str(value); break;
            case CurlOption.UserPwd: o.UserPwd = Str(value); break;
            case CurlOption.UserAgent: o.UserAgent = Str(value); break;
            case CurlOption.CustomRequest: o.CustomRequest = Str(value); break;
            case CurlOption.Referer: o.Referer = Str(value); break;
            case CurlOption.Cookie: o.Cookie = Str(value); break;
            case CurlOption.Proxy: o.Proxy = Str(value); break;
            case CurlOption.NoProxy: o.NoProxy = Str(value); break;
            case CurlOption.CaInfo: o.CaInfo = Str(value); break;
            case CurlOption.FtpPort: o.FtpPort = Str(value); break;
            case CurlOption.UnixSocketPath: o.UnixSocketPath = Str(value); break;
            case CurlOption.AcceptEncoding: o.AcceptEncoding = Str(value); break;
            case CurlOption.Private: o.Private = value; break;
            case CurlOption.Stderr:
                o.Stderr = value switch
                {
                    null => null,
                    TextWriter w => w,
                    Stream { CanWrite: true } st => new StreamWriter(st, leaveOpen: true) { AutoFlush = true },
                    _ => throw new InvalidCastException(),
                };
                break;
            case CurlOption.HttpHeader: o.HttpHeader = List(value); break;
            case CurlOption.Resolve: o.Resolve = List(value); break;
            case CurlOption.ConnectTo: o.ConnectTo = List(value); break;
            case CurlOption.Quote: o.Quote = List(value); break;
            case CurlOption.WriteFunction: o.WriteFunction = Fn<WriteCallback>(value); break;
            case CurlOption.HeaderFunction: o.HeaderFunction = Fn<WriteCallback>(value); break;
            case CurlOption.ReadFunction: o.ReadFunction = Fn<ReadCallback>(value); break;
            case CurlOption.XferInfoFunction: o.XferInfoFunction = Fn<XferInfoCallback>(value); break;
            case CurlOption.OpenSocketFunction: o.OpenSocketFunction = Fn<OpenSocketCallback>(value); break;
            case CurlOption.CloseSocketFunction: o.CloseSocketFunction = Fn<CloseSocketCallback>(value); break;
            case CurlOption.SockOptFunction: o.SockOptFunction = Fn<SockOptCallback>(value); break;
            case CurlOption.WriteData: o.WriteData = value; break;
            case CurlOption.HeaderData: o.HeaderData = value; break;
            case CurlOption.ReadData: o.ReadData = value; break;
            case CurlOption.XferInfoData: o.XferInfoData = value; break;
            case CurlOption.OpenSocketData: o.OpenSocketData = value; break;
            case CurlOption.CloseSocketData: o.CloseSocketData = value; break;
            case CurlOption.SockOptData: o.SockOptData = value; break;
            default: return CurlCode.UnknownOption;
        }
        return CurlCode.Ok;
    }

    // libcurl's CURLPROTO_* bits for the protocols Curlew knows, turned into the string form (CURLOPT_PROTOCOLS_STR).
    private static string ProtocolMask(long mask)
    {
        (long Bit, string Name)[] known = [(1 << 0, "http"), (1 << 1, "https"), (1 << 2, "ftp"), (1 << 3, "ftps")];
        var names = new List<string>();
        foreach (var (bit, name) in known) if ((mask & bit) != 0) names.Add(name);
        return string.Join(',', names);
    }

    private static CurlCode Range(long v, long min, long max, Action<long> set)
    {
        if (v < min || v > max) return CurlCode.BadFunctionArgument;
        set(v);
        return CurlCode.Ok;
    }

    // libcurl reads these as unsigned and caps them at UINT_MAX: -1 is accepted and means about 49.7 days.
    private static long UnsignedMs(long v) => v is < 0 or > uint.MaxValue ? uint.MaxValue : v;

    // libcurl never refuses a buffer size: above 512 KiB it takes 512 KiB, below 1 its 16 KiB default, else at least 1 KiB.
    private static int ClampBufferSize(long v) => v switch
    {
        > 512 * 1024 => 512 * 1024,
        < 1 => 16 * 1024,
        < 1024 => 1024,
        _ => (int)v,
    };

    // 0-5 are the versions libcurl 7.88 knows without HTTP/3 (Curlew speaks HTTP/1.1 for all but 1.0); HTTP/3 (30, 31)
    // and anything else larger is "unsupported protocol", negatives a bad argument.
    private static CurlCode HttpVersion(EasyOptions o, long v)
    {
        if (v < 0) return CurlCode.BadFunctionArgument;
        if (v > 5) return CurlCode.UnsupportedProtocol;
        o.HttpVersion = v;
        return CurlCode.Ok;
    }

    private static long Long(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        null => throw new InvalidCastException(),
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture),
        IConvertible c when value is not string => c.ToInt64(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException(),
    };

    private static bool Bool(object? value) => Long(value) != 0;

    private static string? Str(object? value) => value switch
    {
        null => null,
        string s => s,
        Uri u => u.OriginalString,
        _ => throw new InvalidCastException(),
    };

    private static IReadOnlyList<string>? List(object? value) => value switch
    {
        null => null,
        string s => [s],
        IEnumerable<string> e => e.ToArray(),
        _ => throw new InvalidCastException(),
    };

    private static T? Fn<T>(object? value) where T : Delegate => value switch
    {
        null => null,
        T t => t,
        _ => throw new InvalidCastException(),
    };
}
