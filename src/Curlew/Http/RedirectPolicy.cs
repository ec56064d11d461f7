using Curlew.Url;

namespace Curlew.Http;

/// <summary>
/// Where and how to follow a redirect, by curl's rules: any 3xx with a Location is a redirect; 301 and 302 turn POST
/// into GET (unless <c>PostRedir</c> says keep it), 303 turns everything but HEAD into GET, the others keep method and
/// body. Credentials, and the user's Authorization and Cookie headers, go only to the first URL's host, port and
/// scheme unless <c>UnrestrictedAuth</c> is set; this is judged for every hop, so a chain that comes back to the first
/// host sends them again. The user's Host header is used on the first host only.
/// </summary>
internal static class RedirectPolicy
{
    private const long KeepPostOn301 = 1, KeepPostOn302 = 2, KeepPostOn303 = 4;

    public static bool IsRedirect(HttpResponseHead head) => head.StatusCode is >= 300 and < 400 && head.Location is not null;

    /// <summary>The URL a redirect points to.</summary>
    /// <exception cref="CurlException">UrlMalformat when the Location is not a URL.</exception>
    public static CurlUrl Target(HttpRequest previous, HttpResponseHead head) => previous.Url.Resolve(head.Location!);

    /// <summary>What <c>RedirectUrl</c> reports for a redirect not followed: the resolved URL, or the Location as sent when it does not resolve.</summary>
    public static string WouldGoTo(HttpRequest previous, HttpResponseHead head)
    {
        try { return Target(previous, head).ToString(); }
        catch (CurlException) { return head.Location!; }
    }

    public static HttpRequest Next(HttpRequest previous, HttpResponseHead head, CurlUrl target, EasyOptions o, CurlUrl first)
    {
        if (target.Scheme is not ("http" or "https"))
            throw new CurlException(CurlCode.UnsupportedProtocol, $"Protocol \"{target.Scheme}\" not supported or disabled in Curlew");

        bool toGet = head.StatusCode switch
        {
            301 => previous.IsPost && (o.PostRedir & KeepPostOn301) == 0,
            302 => previous.IsPost && (o.PostRedir & KeepPostOn302) == 0,
            303 => previous.Method != "HEAD" && !(previous.IsPost && (o.PostRedir & KeepPostOn303) != 0),
            _ => false,
        };
        bool sameOrigin = string.Equals(target.Host, first.Host, StringComparison.OrdinalIgnoreCase) && target.Port == first.Port && target.Scheme == first.Scheme;
        bool sendCredentials = sameOrigin || o.UnrestrictedAuth;
        bool customHost = string.Equals(target.Host, first.Host, StringComparison.OrdinalIgnoreCase);

        // AutoReferer: the page we come from, without credentials or fragment, as curl sends it.
        var referer = o.AutoReferer ? previous.Url.RefererForm() : previous.Referer;
        if (toGet)
            return new HttpRequest(o.CustomRequest ?? "GET", target, null, sendCredentials, IsPost: false, ExpectNoBody: false)
            {
                Referer = referer,
                CustomHostAllowed = customHost,
            };

        var body = previous.Body;
        if (body is not null && !body.TryRewind())
            throw new CurlException(CurlCode.SendFailRewind, "necessary data rewind wasn't possible");
        return previous with { Url = target, SendCredentials = sendCredentials, Body = body, Referer = referer, CustomHostAllowed = customHost };
    }
}
