namespace Curlew.Connect.Proxy;

/// <summary>
/// The proxy options as the connection layer needs them (part of <see cref="ConnectSettings"/>); <see cref="ProxyPlanner"/>
/// turns them into a route's <see cref="RouteProxy"/> for each URL.
/// </summary>
/// <param name="Url">CURLOPT_PROXY: null = take it from the environment, "" = no proxy at all.</param>
/// <param name="Type">CURLOPT_PROXYTYPE, used when the proxy string has no scheme.</param>
/// <param name="Tunnel">CURLOPT_HTTPPROXYTUNNEL.</param>
/// <param name="Port">CURLOPT_PROXYPORT (0 = from the string, else libcurl's default).</param>
/// <param name="UserPwd">CURLOPT_PROXYUSERPWD ("user:password").</param>
/// <param name="User">CURLOPT_PROXYUSERNAME (wins over <paramref name="UserPwd"/>'s user).</param>
/// <param name="Password">CURLOPT_PROXYPASSWORD (wins over <paramref name="UserPwd"/>'s password).</param>
/// <param name="UserAgent">CURLOPT_USERAGENT, which libcurl also sends in a CONNECT.</param>
internal readonly record struct ProxyOptions(string? Url, long Type, bool Tunnel, long Port, string? UserPwd, string? User,
    string? Password, string? UserAgent);
