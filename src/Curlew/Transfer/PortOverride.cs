using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>The <c>Port</c> option: the same URL, with another port.</summary>
internal static class PortOverride
{
    public static CurlUrl WithPort(this CurlUrl url, int port)
    {
        var userInfo = url.User is null ? ""
            : Uri.EscapeDataString(url.User) + (url.Password is null ? "" : ":" + Uri.EscapeDataString(url.Password)) + "@";
        var host = url.IsIPv6Literal ? "[" + url.Host + (url.ZoneId is null ? "" : "%25" + url.ZoneId) + "]" : url.Host;
        return CurlUrl.Parse($"{url.Scheme}://{userInfo}{host}:{port}{url.PathAndQuery}");
    }
}
