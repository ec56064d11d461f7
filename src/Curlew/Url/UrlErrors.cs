namespace Curlew.Url;

/// <summary>The failures the URL layer reports, worded like libcurl's so messages port both ways.</summary>
internal static class UrlErrors
{
    public static CurlException Rejected(string reason) =>
        new(CurlCode.UrlMalformat, "URL rejected: " + reason);

    public static CurlException NoUrl() => new(CurlCode.UrlMalformat, "No URL set");

    public static CurlException MalformedInput() => Rejected("Malformed input to a URL function");

    public static CurlException NoHost() => Rejected("No host part in the URL");

    public static CurlException BadHostname() => Rejected("Bad hostname");

    public static CurlException BadIPv6() => Rejected("Bad IPv6 address");

    public static CurlException BadPort() => Rejected("Port number was not a decimal number between 0 and 65535");

    public static CurlException BadSlashes() => Rejected("Unsupported number of slashes following scheme");

    public static CurlException BadLogin() => Rejected("Bad login part");

    public static CurlException UnsupportedScheme(string scheme) =>
        new(CurlCode.UnsupportedProtocol, $"Protocol \"{scheme}\" not supported or disabled in Curlew");
}
