namespace Curlew.Connect;

/// <summary>
/// The proxy part of a <see cref="Route"/>. A placeholder until proxies are built: it carries the settings that will
/// decide the hop (URL, CURLOPT_PROXYTYPE, tunnel), so two routes that would go through different proxies already
/// differ. <see cref="None"/> (the default) is a direct route.
/// </summary>
internal readonly record struct RouteProxy(string? Url, long Type, bool Tunnel)
{
    public static RouteProxy None => default;

    public bool IsSet => !string.IsNullOrEmpty(Url);
}
