using System.Globalization;
using Curlew.Url;

namespace Curlew.Connect.Proxy;

/// <summary>
/// A proxy string as libcurl reads CURLOPT_PROXY and the proxy environment variables: <c>[scheme://][user[:password]@]host[:port][/...]</c>.
/// Without a scheme the CURLOPT_PROXYTYPE decides the kind; without a port the kind's default (1080, 443 for HTTPS).
/// </summary>
internal readonly record struct ProxyString(ProxyKind Kind, string Host, int Port, string? User, string? Password)
{
    /// <exception cref="CurlException">CouldntConnect for a scheme libcurl does not know (its code), UrlMalformat for a bad port or host.</exception>
    public static ProxyString Parse(string text, long type, long portOption)
    {
        var kind = ProxyKinds.FromType(type);
        var rest = text.AsSpan().Trim();
        int schemeEnd = rest.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd >= 0)
        {
            kind = ProxyKinds.FromScheme(rest[..schemeEnd].ToString())
                ?? throw new CurlException(CurlCode.CouldntConnect, $"Unsupported proxy scheme for '{text}'");
            rest = rest[(schemeEnd + 3)..];
        }
        int pathStart = rest.IndexOfAny('/', '?', '#');
        if (pathStart >= 0) rest = rest[..pathStart];

        string? user = null, password = null;
        int at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var login = rest[..at];
            int colon = login.IndexOf(':');
            user = Decode(colon < 0 ? login : login[..colon], text);
            password = colon < 0 ? null : Decode(login[(colon + 1)..], text);
            rest = rest[(at + 1)..];
        }

        var (host, port) = SplitHostPort(rest, text);
        if (host.Length == 0) throw new CurlException(CurlCode.CouldntResolveProxy, $"Could not resolve proxy: {text}");
        int chosen = port ?? (portOption is > 0 and <= 65535 ? (int)portOption : ProxyKinds.DefaultPort(kind));
        return new ProxyString(kind, host, chosen, user, password);
    }

    private static (string Host, int? Port) SplitHostPort(ReadOnlySpan<char> hostPort, string text)
    {
        ReadOnlySpan<char> host, port = default;
        if (hostPort.StartsWith("["))
        {
            int close = hostPort.IndexOf(']');
            if (close < 0) throw Malformed(text);
            host = hostPort[1..close];
            var after = hostPort[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':') throw Malformed(text);
                port = after[1..];
            }
        }
        else
        {
            int colon = hostPort.LastIndexOf(':');
            host = colon < 0 ? hostPort : hostPort[..colon];
            if (colon >= 0) port = hostPort[(colon + 1)..];
        }
        if (port.IsEmpty) return (host.ToString(), null);
        if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number > 65535)
            throw Malformed(text);
        return (host.ToString(), number);
    }

    private static string Decode(ReadOnlySpan<char> part, string text) =>
        PercentEncoding.DecodeRejectingControls(part.ToString()) ?? throw Malformed(text);

    private static CurlException Malformed(string text) => new(CurlCode.UrlMalformat, $"Unsupported proxy syntax in '{text}'");
}
