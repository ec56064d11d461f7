using Curlew.Connect;
using Curlew.Connect.Proxy;

namespace Curlew.Transfer;

/// <summary>
/// The connection layer's view of a transfer's options, taken once per perform. One per handle: when no connect
/// option changed since the last perform it hands back the same <see cref="ConnectSettings"/>, so a keep-alive loop
/// allocates nothing here (and the route planner's reuse check is a reference test).
/// </summary>
internal sealed class ConnectSnapshot
{
    private ConnectSettings? _last;

    public ConnectSettings Take(EasyOptions o)
    {
        if (_last is { } last && Matches(last, o)) return last;
        return _last = From(o);
    }

    public static ConnectSettings From(EasyOptions o) => new(
        o.ConnectTimeoutMs, o.IpResolve, o.Resolve, o.ConnectTo, o.UnixSocketPath, o.TcpNoDelay, o.BufferSize,
        o.FreshConnect, o.ForbidReuse, o.MaxConnects, Proxy(o), o.NoProxy,
        new TlsSettings(o.SslVerifyPeer, o.SslVerifyHost, o.CaInfo, o.CaPath, o.SslCert, o.SslCertType, o.SslKey,
            o.KeyPasswd, o.PinnedPublicKey, o.SslVersion, o.SslSessionIdCache),
        o.UserPwd, o.UseSsl, o.SsrfGuard, o.MaxAgeConn, o.MaxLifetimeConn);

    private static ProxyOptions Proxy(EasyOptions o) =>
        new(o.Proxy, o.ProxyType, o.HttpProxyTunnel, o.ProxyPort, o.ProxyUserPwd, o.ProxyUsername, o.ProxyPassword, o.UserAgent);

    // Field by field, allocating nothing; every field From reads must be here (ConnectSnapshotTests keeps them in step).
    // Lists compare by reference: a handle's clone shares them until the user sets new ones.
    private static bool Matches(ConnectSettings s, EasyOptions o) =>
        s.ConnectTimeoutMs == o.ConnectTimeoutMs && s.IpResolve == o.IpResolve
        && ReferenceEquals(s.Resolve, o.Resolve) && ReferenceEquals(s.ConnectTo, o.ConnectTo)
        && s.UnixSocketPath == o.UnixSocketPath && s.TcpNoDelay == o.TcpNoDelay && s.BufferSize == o.BufferSize
        && s.FreshConnect == o.FreshConnect && s.ForbidReuse == o.ForbidReuse && s.MaxConnects == o.MaxConnects
        && s.Proxy == Proxy(o) && s.NoProxy == o.NoProxy && s.UserPwd == o.UserPwd && s.FtpUseSsl == o.UseSsl
        && ReferenceEquals(s.Guard, o.SsrfGuard)
        && s.Tls.VerifyPeer == o.SslVerifyPeer && s.Tls.VerifyHost == o.SslVerifyHost && s.Tls.CaInfo == o.CaInfo
        && s.Tls.CaPath == o.CaPath && s.Tls.Cert == o.SslCert && s.Tls.CertType == o.SslCertType && s.Tls.Key == o.SslKey
        && s.Tls.KeyPassword == o.KeyPasswd && s.Tls.PinnedPublicKey == o.PinnedPublicKey && s.Tls.Version == o.SslVersion
        && s.Tls.SessionIdCache == o.SslSessionIdCache
        && s.MaxAgeConn == o.MaxAgeConn && s.MaxLifetimeConn == o.MaxLifetimeConn;
}
