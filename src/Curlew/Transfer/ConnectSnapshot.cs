using Curlew.Connect;

namespace Curlew.Transfer;

/// <summary>The connection layer's view of a transfer's options, taken once per perform.</summary>
internal static class ConnectSnapshot
{
    public static ConnectSettings From(EasyOptions o) => new(
        o.ConnectTimeoutMs, o.IpResolve, o.Resolve, o.ConnectTo, o.UnixSocketPath, o.TcpNoDelay,
        // The typed property skips SetOpt's range check, so clamp here as libcurl clamps CURLOPT_BUFFERSIZE.
        Math.Clamp(o.BufferSize, 1024, 10 * 1024 * 1024),
        o.FreshConnect, o.ForbidReuse, o.MaxConnects,
        new RouteProxy(o.Proxy, o.ProxyType, o.HttpProxyTunnel), o.NoProxy,
        new TlsSettings(o.SslVerifyPeer, o.SslVerifyHost, o.CaInfo, o.CaPath, o.SslCert, o.SslCertType, o.SslKey,
            o.KeyPasswd, o.PinnedPublicKey, o.SslVersion),
        o.UserPwd);
}
