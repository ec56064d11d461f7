using System.Globalization;
using System.Text;

namespace Curlew.Url;

/// <summary>
/// A parsed, normalised transfer URL, accepted and rejected as libcurl's URL parser does for an easy handle:
/// a missing scheme is guessed, names are lower-cased, numeric IPv4 shorthands become dotted quads, dot-segments
/// leave the path, percent-encoding in path and query is kept as written, and the fragment is never sent.
/// </summary>
internal sealed class CurlUrl
{
    private readonly string? _rawUser;
    private readonly string? _rawPassword;
    private readonly string _hostUrlForm;

    private CurlUrl(string scheme, string? rawUser, string? rawPassword, string? user, string? password,
        UrlHost host, int port, bool hasExplicitPort, string path, string? query, string? fragment)
    {
        Scheme = scheme;
        _rawUser = rawUser;
        _rawPassword = rawPassword;
        User = user;
        Password = password;
        Host = host.Host;
        _hostUrlForm = host.UrlForm;
        ZoneId = host.ZoneId;
        IsIPv6Literal = host.IsIPv6Literal;
        Port = port;
        HasExplicitPort = hasExplicitPort;
        Path = path;
        Query = query;
        Fragment = fragment;
    }

    /// <summary>Lower-case scheme: "http", "https", "ftp" or "ftps".</summary>
    public string Scheme { get; }

    /// <summary>Percent-decoded user name, null when the URL has no user info.</summary>
    public string? User { get; }

    /// <summary>Percent-decoded password, null when absent; "" for "user:@host".</summary>
    public string? Password { get; }

    /// <summary>Lower-cased host name, dotted-quad IPv4, or IPv6 address without brackets and zone.</summary>
    public string Host { get; }

    /// <summary>The IPv6 zone id ("eth0" for "[fe80::1%25eth0]"), null when none.</summary>
    public string? ZoneId { get; }

    /// <summary>Whether the host was written as a bracketed IPv6 literal.</summary>
    public bool IsIPv6Literal { get; }

    /// <summary>The explicit port, else the scheme's default.</summary>
    public int Port { get; }

    /// <summary>Whether the URL named a port ("host:" with nothing after the colon does not).</summary>
    public bool HasExplicitPort { get; }

    /// <summary>The path as sent on the request line: starts with '/', dot-segments removed, escapes kept.</summary>
    public string Path { get; }

    /// <summary>The query without its '?', null when the URL has no '?'; "" when the '?' has nothing after it.</summary>
    public string? Query { get; }

    /// <summary>The fragment without its '#', null when absent. Never sent; kept only for <see cref="ToString"/>.</summary>
    public string? Fragment { get; }

    /// <summary><see cref="Path"/> plus "?" and <see cref="Query"/> when there is a query.</summary>
    public string PathAndQuery => Query is null ? Path : _pathAndQuery ??= Path + "?" + Query;   // immutable: joined once

    private string? _pathAndQuery;

    /// <summary>The scheme's default port.</summary>
    public int DefaultPort => UrlSchemes.DefaultPort(Scheme);

    /// <summary>
    /// The Host header value: the name as written (curl keeps its case), brackets around IPv6 without the zone, and the
    /// port only when it is not the default. Made once: the URL is immutable and this is on every request.
    /// </summary>
    public string HostAndPortForHeader => _hostHeader ??= FormatHostHeader();

    private string? _hostHeader;

    private string FormatHostHeader()
    {
        string host = IsIPv6Literal ? "[" + Host + "]" : _hostUrlForm;
        return Port == DefaultPort ? host : host + ":" + Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The normalised URL as libcurl reports it (CURLINFO_EFFECTIVE_URL): credentials kept as written,
    /// an explicit port kept, empty query and fragment dropped.</summary>
    public override string ToString() => _text ??= Format();

    private string? _text;   // immutable object: format once

    private string Format()
    {
        var sb = new StringBuilder(Scheme.Length + _hostUrlForm.Length + Path.Length + 16);
        sb.Append(Scheme).Append("://");
        if (_rawUser is not null)
        {
            sb.Append(_rawUser);
            if (_rawPassword is not null)
            {
                sb.Append(':').Append(_rawPassword);
            }
            sb.Append('@');
        }
        sb.Append(_hostUrlForm);
        if (HasExplicitPort)
        {
            sb.Append(':').Append(Port.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append(Path);
        if (!string.IsNullOrEmpty(Query))
        {
            sb.Append('?').Append(Query);
        }
        if (!string.IsNullOrEmpty(Fragment))
        {
            sb.Append('#').Append(Fragment);
        }
        return sb.ToString();
    }

    /// <summary>The URL as curl sends it in a Referer: without credentials and fragment.</summary>
    public string RefererForm()
    {
        var port = HasExplicitPort ? ":" + Port.ToString(CultureInfo.InvariantCulture) : "";
        return $"{Scheme}://{_hostUrlForm}{port}{PathAndQuery}";
    }

    /// <summary>The same URL with another port (the <c>Port</c> option); everything else stays exactly as parsed.</summary>
    public CurlUrl WithPort(int port) =>
        new(Scheme, _rawUser, _rawPassword, User, Password, new UrlHost(Host, _hostUrlForm, ZoneId, IsIPv6Literal), port, hasExplicitPort: true, Path, Query, Fragment);

    /// <summary>Parses the URL an easy handle was given; guesses a missing scheme.</summary>
    /// <exception cref="CurlException">UrlMalformat, or UnsupportedProtocol for a scheme Curlew does not speak.</exception>
    public static CurlUrl Parse(string url) => Parse(url, isRedirect: false);

    /// <summary>
    /// The URL a redirect leads to: <paramref name="location"/> resolved against this URL by RFC 3986 §5.
    /// Like libcurl, spaces and non-ASCII characters in the location's path, query and fragment are percent-encoded first.
    /// </summary>
    /// <exception cref="CurlException">UrlMalformat when the result is not a valid URL; UnsupportedProtocol for a foreign scheme.</exception>
    public CurlUrl Resolve(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        UrlReference reference = UrlReference.Split(location);
        if (reference.Scheme is not null)
        {
            return Parse(reference.ToEncodedString(), isRedirect: true);
        }
        UrlReference target = reference.ResolveAgainst(Scheme, AuthorityForUrl(), Path, Query);
        return Parse(target.ToEncodedString(), isRedirect: false);
    }

    /// <summary>"user:password@host:port" as it appears in <see cref="ToString"/>.</summary>
    private string AuthorityForUrl()
    {
        string text = ToString();
        int start = Scheme.Length + 3;
        int end = text.IndexOf('/', start);
        return text[start..end];
    }

    private static CurlUrl Parse(string url, bool isRedirect)
    {
        if (string.IsNullOrEmpty(url))
        {
            throw UrlErrors.NoUrl();
        }
        foreach (char c in url)
        {
            if (c <= ' ' || c == '\x7f')
            {
                throw UrlErrors.MalformedInput();
            }
        }

        string? scheme = null;
        string rest = url;
        int schemeLength = UrlSchemes.SchemeLength(url, requireSlash: !isRedirect);
        if (schemeLength > 0)
        {
            scheme = url[..schemeLength].ToLowerInvariant();
            if (isRedirect && !UrlSchemes.IsSupported(scheme))
            {
                // A redirect is parsed without libcurl's "non-supported scheme" leniency, so the scheme is judged first.
                throw UrlErrors.UnsupportedScheme(scheme);
            }
            rest = url[(schemeLength + 1)..];
            int slashes = 0;
            while (slashes < rest.Length && rest[slashes] == '/')
            {
                slashes++;
            }
            // libcurl takes "http:/host" and "http:///host" as well as the usual two slashes.
            if (slashes is < 1 or > 3)
            {
                throw UrlErrors.BadSlashes();
            }
            rest = rest[slashes..];
        }

        int authorityEnd = rest.AsSpan().IndexOfAny('/', '?', '#');
        if (authorityEnd < 0)
        {
            authorityEnd = rest.Length;
        }
        string authority = rest[..authorityEnd];
        SplitTail(rest[authorityEnd..], out string path, out string? query, out string? fragment);

        string? rawUser = null;
        string? rawPassword = null;
        int at = authority.IndexOf('@');
        if (at >= 0)
        {
            string login = authority[..at];
            authority = authority[(at + 1)..];
            int colon = login.IndexOf(':');
            rawUser = colon < 0 ? login : login[..colon];
            rawPassword = colon < 0 ? null : login[(colon + 1)..];
        }

        SplitHostAndPort(authority, out string hostText, out string? portText);
        UrlHost host = UrlHost.Parse(hostText);
        // "host:" with nothing after the colon means the default port, but only when the scheme was written out:
        // libcurl refuses an empty port on a URL whose scheme it has to guess.
        if (portText is "" && scheme is null)
        {
            throw UrlErrors.BadPort();
        }
        int? explicitPort = string.IsNullOrEmpty(portText) ? null : ParsePort(portText);

        scheme ??= UrlSchemes.Guess(host.Host);
        if (!UrlSchemes.IsSupported(scheme))
        {
            throw UrlErrors.UnsupportedScheme(scheme);
        }

        // Credentials are decoded after the scheme is judged, so an unsupported scheme wins, as in libcurl.
        string? user = rawUser is null ? null : PercentEncoding.DecodeRejectingControls(rawUser) ?? throw UrlErrors.BadLogin();
        string? password = rawPassword is null ? null : PercentEncoding.DecodeRejectingControls(rawPassword) ?? throw UrlErrors.BadLogin();
        path = path.Length == 0 ? "/" : DotSegments.Remove(path);
        return new CurlUrl(scheme, rawUser, rawPassword, user, password, host,
            explicitPort ?? UrlSchemes.DefaultPort(scheme), explicitPort.HasValue, path, query, fragment);
    }

    /// <summary>Splits what follows the authority into path, query (after the first '?') and fragment (after the first '#').</summary>
    private static void SplitTail(string tail, out string path, out string? query, out string? fragment)
    {
        fragment = null;
        int hash = tail.IndexOf('#');
        if (hash >= 0)
        {
            fragment = tail[(hash + 1)..];
            tail = tail[..hash];
        }
        query = null;
        int question = tail.IndexOf('?');
        if (question >= 0)
        {
            query = tail[(question + 1)..];
            tail = tail[..question];
        }
        path = tail;
    }

    /// <summary>Splits "host:port" or "[v6]:port"; the port is null when there is no colon, "" when nothing follows it.</summary>
    private static void SplitHostAndPort(string authority, out string host, out string? port)
    {
        int colon;
        if (authority.StartsWith('['))
        {
            int close = authority.IndexOf(']');
            if (close < 0)
            {
                throw UrlErrors.BadIPv6();
            }
            colon = close + 1;
            if (colon < authority.Length && authority[colon] != ':')
            {
                throw UrlErrors.BadPort();
            }
        }
        else
        {
            colon = authority.IndexOf(':');
        }
        if (colon < 0 || colon >= authority.Length)
        {
            host = authority;
            port = null;
            return;
        }
        host = authority[..colon];
        port = authority[(colon + 1)..];
    }

    /// <summary>Decimal digits only (leading zeros allowed), 0 to 65535. Port 0 is accepted, as libcurl does; connecting then fails.</summary>
    private static int ParsePort(string text)
    {
        int value = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                throw UrlErrors.BadPort();
            }
            value = value * 10 + (c - '0');
            if (value > 65535)
            {
                throw UrlErrors.BadPort();
            }
        }
        return value;
    }
}
