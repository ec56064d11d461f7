namespace Curlew.Connect.Proxy;

/// <summary>
/// The proxy environment variables libcurl honours when CURLOPT_PROXY is not set: <c>[scheme]_proxy</c> (lower case
/// first, then upper case, except <c>http_proxy</c> which is only read in lower case, as libcurl guards against CGI's
/// HTTP_PROXY request header), then <c>all_proxy</c> / <c>ALL_PROXY</c>; and <c>no_proxy</c> / <c>NO_PROXY</c> when
/// CURLOPT_NOPROXY is not set.
/// </summary>
internal static class ProxyEnvironment
{
    public static string? ProxyFor(string scheme, Func<string, string?> read)
    {
        string lower = scheme.ToLowerInvariant() + "_proxy";
        var found = read(lower);
        if (found is null && lower != "http_proxy") found = read(lower.ToUpperInvariant());
        return found ?? read("all_proxy") ?? read("ALL_PROXY");   // set but empty: no proxy (all_proxy is not consulted)
    }

    public static string? NoProxy(Func<string, string?> read) => read("no_proxy") ?? read("NO_PROXY");

    /// <summary>The process environment.</summary>
    public static string? Process(string name) => Environment.GetEnvironmentVariable(name);
}
