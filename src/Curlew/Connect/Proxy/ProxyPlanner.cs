namespace Curlew.Connect.Proxy;

/// <summary>
/// Decides the proxy hop for one URL, as libcurl does per transfer: the Proxy option, or when it is not set the
/// environment (<see cref="ProxyEnvironment"/>); no hop when the proxy string is empty or the NoProxy list (the option,
/// else the environment) names the host. The environment is the process's unless a test hands in its own. An HTTP proxy tunnels for TLS schemes and when HttpProxyTunnel is on.
/// </summary>
internal static class ProxyPlanner
{
    public static RouteProxy Plan(ProxyOptions options, string? noProxy, string scheme, string host, string targetHost, int targetPort,
        Func<string, string?>? environment = null)
    {
        var read = environment ?? ProxyEnvironment.Process;
        var text = options.Url ?? ProxyEnvironment.ProxyFor(scheme, read);
        if (string.IsNullOrWhiteSpace(text)) return RouteProxy.None;
        if (NoProxyList.Matches(noProxy ?? ProxyEnvironment.NoProxy(read), host)) return RouteProxy.None;

        var proxy = ProxyString.Parse(text, options.Type, options.Port);
        var (user, password) = Login(proxy, options);
        bool tunnel = proxy.Kind == ProxyKind.Http && (options.Tunnel || scheme is "https" or "ftps");
        return new RouteProxy(proxy.Kind, proxy.Host, proxy.Port, user, password, tunnel, targetHost, targetPort);
    }

    // A login in the proxy string wins, as in libcurl; otherwise ProxyUsername/ProxyPassword, then ProxyUserPwd.
    private static (string? User, string? Password) Login(ProxyString proxy, ProxyOptions options)
    {
        if (proxy.User is not null) return (proxy.User, proxy.Password ?? "");
        string? user = options.User, password = options.Password;
        if (options.UserPwd is { } userPwd)
        {
            int colon = userPwd.IndexOf(':');
            user ??= colon < 0 ? userPwd : userPwd[..colon];
            password ??= colon < 0 ? "" : userPwd[(colon + 1)..];
        }
        return user is null ? (null, null) : (user, password ?? "");
    }
}
