namespace Curlew.Cli.Args;

/// <summary>
/// What each flag does to <see cref="CliOptions"/>. Returns null when the argument is fine, else curl's complaint.
/// Flags curlew does not implement yet answer as curl does for a feature its libcurl lacks.
/// </summary>
internal static partial class OptionApplier
{
    public const string NotSupported = "the installed libcurl version doesn't support this";
    public const string BadlyUsed = "is badly used here";

    public static string? Apply(CliOptions o, string name, string? arg, bool on)
    {
        string a = arg ?? "";
        if (TryApplyGroupOption(o, name, a, on, out string? groupProblem)) return groupProblem;
        if (TryApplyFtpOption(o, name, a, on)) return null;
        if (TryApplyTlsOption(o, name, a, on, out string? tlsProblem)) return tlsProblem;
        switch (name)
        {
            case "url": o.Urls.Add(a); break;
            case "output": o.Outputs.Add(new OutputTarget(a, false)); break;
            case "remote-name": o.Outputs.Add(new OutputTarget(null, true)); break;
            case "remote-name-all": o.RemoteNameAll = on; break;
            case "create-dirs": o.CreateDirs = on; break;
            case "output-dir": o.OutputDir = a; break;
            case "silent": o.Silent = on; break;
            case "show-error": o.ShowError = on; break;
            case "fail": o.Fail = on; break;
            case "fail-with-body": o.FailWithBody = on; break;
            case "location": o.Location = on; break;
            case "max-redirs":
                if (!NumberArgument.TryInteger(a, out long redirs) || redirs < -1) return NumberArgument.NotProper;
                o.MaxRedirs = redirs;
                break;
            case "head": o.Head = on; break;
            case "include": o.Include = on; break;
            case "request": o.Request = a; break;
            case "header": o.Headers.Add(a); break;
            case "user-agent": o.UserAgent = a; break;
            case "referer": SetReferer(o, a); break;
            case "data" or "data-ascii" or "data-binary" or "data-raw" or "data-urlencode" or "json":
                o.Data.Add(new DataPart(name, a));
                break;
            case "get": o.Get = on; break;
            case "upload-file": o.UploadFile = a; break;
            case "user": o.User = a; break;
            case "basic": o.HttpAuth = on ? 1 : 0; break;
            case "digest": o.HttpAuth = on ? 2 : 0; break;
            case "anyauth": o.HttpAuth = on ? ~16L : 0; break;   // CURLAUTH_ANY without the NTLM_WB bit, as curl sets it
            case "range": SetRange(o, a); break;
            case "continue-at": return SetContinueAt(o, a);
            case "resolve": o.Resolve.Add(a); break;
            case "connect-to": o.ConnectTo.Add(a); break;
            case "unix-socket": o.UnixSocket = a; break;
            case "ipv4": o.Ipv4 = on; o.Ipv6 = false; break;
            case "ipv6": o.Ipv6 = on; o.Ipv4 = false; break;
            case "max-time": { var e = NumberArgument.TrySeconds(a, out double s); if (e != null) return e; o.MaxTime = s; break; }
            case "connect-timeout": { var e = NumberArgument.TrySeconds(a, out double s); if (e != null) return e; o.ConnectTimeout = s; break; }
            case "speed-limit": { var e = NumberArgument.TryCount(a, out long v); if (e != null) return e; o.SpeedLimit = v; break; }
            case "speed-time": { var e = NumberArgument.TryCount(a, out long v); if (e != null) return e; o.SpeedTime = v; break; }
            case "max-filesize": { var e = NumberArgument.TrySize(a, out long v); if (e != null) return e; o.MaxFileSize = v; break; }
            case var t when Trace.TraceFlags.Handles(t): Trace.TraceFlags.Apply(o, name, a, on); break;
            case "dump-header": o.DumpHeader = a; break;
            case "write-out": o.WriteOut = a; break;
            case "socket-log": o.SocketLog = on; break;
            case "deny-private": o.DenyPrivate = on; break;
            case "progress-meter": o.NoProgressMeter = !on; break;
            // Handed to the library, which refuses a proxy kind it cannot do yet (HTTPS, SOCKS4) at transfer time.
            // -x and the SOCKS flags set one proxy, as in curl 7.88: the last one given wins, with its type.
            case "proxy": o.Proxy = a; o.ProxyType = 0; break;
            case "noproxy": o.NoProxy = a; break;
            case "proxy-user": o.ProxyUser = a; break;
            case "proxytunnel": o.ProxyTunnel = on; break;
            case "proxy-basic": break;   // Basic is the one proxy authentication there is, and libcurl's default
            case "socks5": o.Proxy = a; o.ProxyType = 5; break;
            case "socks5-hostname": o.Proxy = a; o.ProxyType = 7; break;
            case "insecure": o.Insecure = on; break;
            case "cacert": o.CaCert = a; break;
            case "capath": o.CaPath = a; break;
            case "key": o.Key = a; break;
            case "pinnedpubkey": o.PinnedPubKey = a; break;
            case "tlsv1.2": o.SslVersion = 6; break;   // CURL_SSLVERSION_TLSv1_2
            case "tlsv1.3": o.SslVersion = 7; break;   // CURL_SSLVERSION_TLSv1_3
            case "ssl" or "ftp-ssl": o.Ssl = on; break;
            case "ssl-reqd" or "ftp-ssl-reqd": o.SslReqd = on; break;
            // Accepted and without effect here: they only tune things curlew does one fixed way.
            case "clobber": o.NoClobber = !on; break;
            case "sessionid": o.NoSessionId = !on; break;
            case "disable" or "buffer" or "keepalive" or "alpn" or "npn" or "http1.1"
                or "tcp-nodelay" or "styled-output":
                break;
            default: return NotSupported;
        }
        return null;
    }

    // ";auto" (alone or after a referer) asks libcurl to set Referer itself when it follows a redirect.
    private static void SetReferer(CliOptions o, string a)
    {
        int semicolon = a.IndexOf(";auto", StringComparison.Ordinal);
        o.AutoReferer = semicolon >= 0;
        o.Referer = semicolon >= 0 ? a[..semicolon] : a;
        if (o.Referer.Length == 0) o.Referer = null;
    }

    private static void SetRange(CliOptions o, string a)
    {
        // curl warns while it reads the flags, so a -s given later does not hide it.
        foreach (char c in a)
        {
            if (o.Silent || char.IsAsciiDigit(c) || c is '-' or ',') continue;
            // curl's own wording, three lines with a trailing space on the first two.
            o.Warnings.Add("Warning: Invalid character is found in given range. A specified range MUST \n" +
                           "Warning: have only digits in 'start'-'stop'. The server's response to this \n" +
                           "Warning: request is uncertain.\n");
            break;
        }
        o.Range = a;
    }

    private static string? SetContinueAt(CliOptions o, string a)
    {
        if (a == "-") { o.ContinueAt = -1; return null; }
        var e = NumberArgument.TryCount(a, out long v);
        if (e != null) return e;
        o.ContinueAt = v;
        return null;
    }
}
