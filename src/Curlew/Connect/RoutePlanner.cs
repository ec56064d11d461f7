using Curlew.Connect.Proxy;
using Curlew.Connect.Tcp;
using Curlew.Url;

namespace Curlew.Connect;

/// <summary>
/// Makes a transfer's <see cref="Route"/> from its URL and connect settings: ConnectTo rules, TLS for TLS schemes,
/// the proxy hop and a login for protocols that bind one. One per handle: it remembers the last route, so a keep-alive
/// loop over one URL and unchanged options gets the same instance back without allocating.
/// </summary>
internal sealed class RoutePlanner
{
    private Route? _last;
    private ConnectSettings? _lastSettings;

    public Route Plan(CurlUrl url, ConnectSettings settings)
    {
        if (_last is { } last && settings.Equals(_lastSettings) && Matches(last, url, settings)) return last;
        var route = Make(url, settings);
        (_last, _lastSettings) = (route, settings);
        return route;
    }

    private static bool Matches(Route route, CurlUrl url, ConnectSettings settings) =>
        url.Port == route.Port
        && string.Equals(url.Host, route.Host, StringComparison.Ordinal)
        && string.Equals(url.Scheme, route.Scheme, StringComparison.Ordinal)
        && string.Equals(url.ZoneId, route.ZoneId, StringComparison.Ordinal)
        && string.Equals(LoginFor(url, settings), route.Login, StringComparison.Ordinal);

    private static Route Make(CurlUrl url, ConnectSettings settings)
    {
        var (connectHost, connectPort) = ConnectToRules.Apply(settings.ConnectTo, url.Host, url.Port);
        bool explicitTls = url.Scheme == "ftp" && settings.FtpUseSsl > 0;
        // A Unix socket is not TCP: libcurl ignores every proxy setting then.
        var proxy = settings.UnixSocketPath is { Length: > 0 } ? RouteProxy.None
            : ProxyPlanner.Plan(settings.Proxy, settings.NoProxy, url.Scheme, url.Host, connectHost, connectPort);
        // Through a proxy the socket goes to the proxy; the proxy is told the target (CONNECT, SOCKS, absolute-form).
        if (proxy.IsSet) (connectHost, connectPort) = (proxy.Host, proxy.Port);
        return new Route(url.Scheme, url.Host, url.Port, url.ZoneId, connectHost, connectPort, settings.UnixSocketPath,
            UsesTls(url.Scheme) || explicitTls ? settings.Tls : null, proxy, LoginFor(url, settings)) { StartsTls = explicitTls, Guard = settings.Guard };
    }

    private static bool UsesTls(string scheme) => scheme is "https" or "ftps";

    // FTP logs in once per control connection, so a connection is only fit for the same user and password. HTTP sends
    // credentials per request: its connections carry no login. Built only for FTP URLs, so HTTP allocates nothing here.
    private static string? LoginFor(CurlUrl url, ConnectSettings settings) =>
        url.Scheme is not ("ftp" or "ftps") ? null
        : url.User is not null ? $"{url.User}:{url.Password}"
        : settings.UserPwd ?? "anonymous";
}
