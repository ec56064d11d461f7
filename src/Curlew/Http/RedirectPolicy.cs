using Curlew.Transfer;
using Curlew.Url;

namespace Curlew.Http;

/// <summary>
/// Where and how to follow a redirect, by curl's rules: 301 and 302 turn POST into GET (unless <c>PostRedir</c> says
/// keep it), 303 turns everything but HEAD into GET, 307 and 308 keep method and body. Credentials go only to the
/// original host unless <c>UnrestrictedAuth</c> is set.
/// </summary>
internal static class RedirectPolicy
{
    private const long KeepPostOn301 = 1, KeepPostOn302 = 2, KeepPostOn303 = 4;

    public static bool IsRedirect(int status) => status is 301 or 302 or 303 or 307 or 308;

    public static HttpRequest Next(HttpRequest previous, HttpResponseHead head, EasyOptions o, CurlUrl original)
    {
        var target = previous.Url.Resolve(head.Location!);
        if (target.Scheme is not ("http" or "https"))
            throw new CurlException(CurlCode.UnsupportedProtocol, $"Protocol \"{target.Scheme}\" not supported or disabled in libcurl");

        bool toGet = head.StatusCode switch
        {
            301 => previous.IsPost && (o.PostRedir & KeepPostOn301) == 0,
            302 => previous.IsPost && (o.PostRedir & KeepPostOn302) == 0,
            303 => previous.Method != "HEAD" && !(previous.IsPost && (o.PostRedir & KeepPostOn303) != 0),
            _ => false,
        };
        bool sameOrigin = string.Equals(target.Host, original.Host, StringComparison.OrdinalIgnoreCase) && target.Port == original.Port && target.Scheme == original.Scheme;
        bool sendCredentials = previous.SendCredentials && (sameOrigin || o.UnrestrictedAuth);

        // AutoReferer: the page we come from, without credentials or fragment, as curl sends it.
        var referer = o.AutoReferer ? previous.Url.RefererForm() : previous.Referer;
        if (toGet)
            return new HttpRequest(o.CustomRequest ?? "GET", target, null, sendCredentials, IsPost: false, ExpectNoBody: false) { Referer = referer };

        var body = previous.Body;
        if (body is not null && !body.TryRewind())
            throw new CurlException(CurlCode.SendFailRewind, "necessary data rewind wasn't possible");
        return previous with { Url = target, SendCredentials = sendCredentials, Body = body, Referer = referer };
    }
}
