using System.Text;
using Curlew.Cli.Args;

namespace Curlew.Cli.Transfer;

/// <summary>Sets a handle's options from the command line for one URL, through the public option API only.</summary>
internal static class EasySetup
{
    public static void Apply(CurlEasy easy, CliOptions o, string url, byte[]? body)
    {
        if (body != null && o.Get)
        {
            // -G: the data becomes the query string; the method is left alone so -I still makes it a HEAD.
            url += (url.Contains('?') ? "&" : "?") + Encoding.UTF8.GetString(body);
            body = null;
        }
        easy.SetOpt(CurlOption.Url, url);
        easy.SetOpt(CurlOption.UserAgent, o.UserAgent ?? $"curlew/{Curlew.Cli.Text.VersionText.Number}");
        if (o.Location) easy.SetOpt(CurlOption.FollowLocation, true);
        // curl's default limit when following is 50; libcurl's own default is unlimited.
        easy.SetOpt(CurlOption.MaxRedirs, o.MaxRedirs ?? 50);
        if (o.Fail) easy.SetOpt(CurlOption.FailOnError, true);
        if (o.Include) easy.SetOpt(CurlOption.Header, true);
        if (o.Head) easy.SetOpt(CurlOption.NoBody, true);
        if (body != null)
        {
            easy.SetOpt(CurlOption.PostFields, body);
            easy.SetOpt(CurlOption.PostFieldSizeLarge, (long)body.Length);
        }
        if (o.Request != null) easy.SetOpt(CurlOption.CustomRequest, o.Request);
        var headers = new List<string>(HeaderLines(o.Headers));
        if (RequestBody.HasJson(o.Data))
        {
            if (!HasHeader(headers, "Content-Type")) headers.Add("Content-Type: application/json");
            if (!HasHeader(headers, "Accept")) headers.Add("Accept: application/json");
        }
        if (headers.Count > 0) easy.SetOpt(CurlOption.HttpHeader, headers);
        if (o.Referer != null) easy.SetOpt(CurlOption.Referer, o.Referer);
        if (o.AutoReferer) easy.SetOpt(CurlOption.AutoReferer, true);
        if (o.Cookie != null && o.Cookie.Contains('=')) easy.SetOpt(CurlOption.Cookie, o.Cookie);
        if (o.User != null) easy.SetOpt(CurlOption.UserPwd, o.User);
        if (o.HttpAuth != 0) easy.SetOpt(CurlOption.HttpAuth, o.HttpAuth);
        if (o.Range != null) easy.SetOpt(CurlOption.Range, o.Range);
        if (o.Resolve.Count > 0) easy.SetOpt(CurlOption.Resolve, o.Resolve);
        if (o.ConnectTo.Count > 0) easy.SetOpt(CurlOption.ConnectTo, o.ConnectTo);
        if (o.UnixSocket != null) easy.SetOpt(CurlOption.UnixSocketPath, o.UnixSocket);
        if (o.Ipv4) easy.SetOpt(CurlOption.IpResolve, 1L);
        if (o.Ipv6) easy.SetOpt(CurlOption.IpResolve, 2L);
        if (o.MaxTime is double max) easy.SetOpt(CurlOption.TimeoutMs, (long)(max * 1000));
        if (o.ConnectTimeout is double connect) easy.SetOpt(CurlOption.ConnectTimeoutMs, (long)(connect * 1000));
        if (o.SpeedLimit is long limit) easy.SetOpt(CurlOption.LowSpeedLimit, limit);
        if (o.SpeedTime is long time) easy.SetOpt(CurlOption.LowSpeedTime, time);
        // curl's rule: a speed limit alone is measured over 30 seconds.
        if (o.SpeedLimit != null && o.SpeedTime == null) easy.SetOpt(CurlOption.LowSpeedTime, 30L);
        if (o.MaxFileSize is long size) easy.SetOpt(CurlOption.MaxFileSizeLarge, size);
        ApplyFtp(easy, o);
        ApplyNotYetBuilt(easy, o);
    }

    private static void ApplyFtp(CurlEasy easy, CliOptions o)
    {
        if (o.FtpPort != null) easy.SetOpt(CurlOption.FtpPort, o.FtpPort);
        if (o.DisableEpsv) easy.SetOpt(CurlOption.FtpUseEpsv, false);
        if (o.DisableEprt) easy.SetOpt(CurlOption.FtpUseEprt, false);
        if (o.ListOnly) easy.SetOpt(CurlOption.DirListOnly, true);
        if (o.Append) easy.SetOpt(CurlOption.Append, true);
        if (o.Quote.Count > 0) easy.SetOpt(CurlOption.Quote, o.Quote);
        if (o.PostQuote.Count > 0) easy.SetOpt(CurlOption.PostQuote, o.PostQuote);
        if (o.PreQuote.Count > 0) easy.SetOpt(CurlOption.PreQuote, o.PreQuote);
        if (o.FtpCreateDirs) easy.SetOpt(CurlOption.FtpCreateMissingDirs, 1L);
        if (!o.FtpSkipPasvIp) easy.SetOpt(CurlOption.FtpSkipPasvIp, false);
        if (o.FtpMethod is long method) easy.SetOpt(CurlOption.FtpFileMethod, method);
        // curl asks for the file time with -I too: FTP's -I output then has a Last-Modified line.
        if (o.RemoteTime || o.Head) easy.SetOpt(CurlOption.Filetime, true);
    }

    // Options for parts of the library still being built: handed over so the library answers for them.
    private static void ApplyNotYetBuilt(CurlEasy easy, CliOptions o)
    {
        if (o.Proxy != null) easy.SetOpt(CurlOption.Proxy, o.Proxy);
        if (o.ProxyType != 0) easy.SetOpt(CurlOption.ProxyType, o.ProxyType);
        if (o.NoProxy != null) easy.SetOpt(CurlOption.NoProxy, o.NoProxy);
        if (o.ProxyUser != null) easy.SetOpt(CurlOption.ProxyUserPwd, o.ProxyUser);
        if (o.ProxyTunnel) easy.SetOpt(CurlOption.HttpProxyTunnel, true);
        if (o.Insecure)
        {
            easy.SetOpt(CurlOption.SslVerifyPeer, false);
            easy.SetOpt(CurlOption.SslVerifyHost, 0L);
        }
        if (o.NoSessionId) easy.SetOpt(CurlOption.SslSessionIdCache, false);
        if (o.CaCert != null) easy.SetOpt(CurlOption.CaInfo, o.CaCert);
        if (o.CaPath != null) easy.SetOpt(CurlOption.CaPath, o.CaPath);
        if (o.Cert != null) easy.SetOpt(CurlOption.SslCert, o.Cert);
        if (o.Key != null) easy.SetOpt(CurlOption.SslKey, o.Key);
        if (o.PinnedPubKey != null) easy.SetOpt(CurlOption.PinnedPublicKey, o.PinnedPubKey);
        TlsSetup.Apply(easy, o);
        if (o.SslReqd) easy.SetOpt(CurlOption.UseSsl, 3L);
        else if (o.Ssl) easy.SetOpt(CurlOption.UseSsl, 1L);
    }

    // -H @file adds each line of the file as a header.
    private static IEnumerable<string> HeaderLines(List<string> headers)
    {
        foreach (string h in headers)
        {
            if (!h.StartsWith('@')) { yield return h; continue; }
            foreach (string line in File.ReadAllLines(h[1..]))
                if (line.Length > 0) yield return line;
        }
    }

    private static bool HasHeader(List<string> headers, string name)
    {
        foreach (string h in headers)
            if (h.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
