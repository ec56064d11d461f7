using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>Variants of a parsed URL the transfer needs: another port (the <c>Port</c> option), the Referer form.</summary>
internal static class UrlVariants
{
    /// <summary>The URL as a Referer: scheme, host, port, path and query only.</summary>
    public static string WithoutCredentialsAndFragment(this CurlUrl url)
    {
        var host = url.IsIPv6Literal ? "[" + url.Host + "]" : url.Host;
        var port = url.HasExplicitPort ? ":" + url.Port : "";
        return $"{url.Scheme}://{host}{port}{url.PathAndQuery}";
    }

    public static CurlUrl WithPort(this CurlUrl url, int port)
    {
        var userInfo = url.User is null ? ""
            : Uri.EscapeDataString(url.User) + (url.Password is null ? "" : ":" + Uri.EscapeDataString(url.Password)) + "@";
        var host = url.IsIPv6Literal ? "[" + url.Host + (url.ZoneId is null ? "" : "%25" + url.ZoneId) + "]" : url.Host;
        return CurlUrl.Parse($"{url.Scheme}://{userInfo}{host}:{port}{url.PathAndQuery}");
    }
}
