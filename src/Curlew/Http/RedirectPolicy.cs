using Curlew.Protocols;

namespace Curlew.Http;

/// <summary>
/// HTTP's part of following a redirect, by curl's rules: any 3xx with a Location is a redirect; 301 and 302 turn POST
/// into GET (unless <c>PostRedir</c> says keep it), 303 turns everything but HEAD into GET, the others keep method and
/// body. The engine decides whether and where to follow, and which hops get credentials; this decides what the next
/// request carries over and, when the next hop is HTTP, builds it.
/// </summary>
internal static class RedirectPolicy
{
    private const long KeepPostOn301 = 1, KeepPostOn302 = 2, KeepPostOn303 = 4;

    public static bool IsRedirect(HttpResponseHead head) => head.StatusCode is >= 300 and < 400 && head.Location is not null;

    /// <summary>What the next request takes over from <paramref name="previous"/> when its redirect is followed.</summary>
    public static RedirectCarry Carry(HttpRequest previous, HttpResponseHead head, HttpSettings s)
    {
        bool toGet = head.StatusCode switch
        {
            301 => previous.IsPost && (s.PostRedir & KeepPostOn301) == 0,
            302 => previous.IsPost && (s.PostRedir & KeepPostOn302) == 0,
            303 => previous.Method != "HEAD" && !(previous.IsPost && (s.PostRedir & KeepPostOn303) != 0),
            _ => false,
        };
        return toGet
            ? new RedirectCarry(head.StatusCode, s.CustomRequest ?? "GET", Body: null, IsPost: false, ExpectNoBody: false)
            : new RedirectCarry(head.StatusCode, previous.Method, previous.Body, previous.IsPost, previous.ExpectNoBody);
    }

    /// <summary>The request for a hop reached by a redirect: the carried method, and the carried body from its start.</summary>
    /// <exception cref="CurlException">SendFailRewind when the body cannot start over (a read callback).</exception>
    public static HttpRequest Next(RedirectCarry carry, in Hop hop, HttpSettings s)
    {
        var body = carry.Body;
        if (body is not null && !body.TryRewind())
            throw new CurlException(CurlCode.SendFailRewind, "necessary data rewind wasn't possible");
        return new HttpRequest(carry.Method, hop.Url, body, hop.SendCredentials, carry.IsPost, carry.ExpectNoBody)
        {
            Referer = hop.AutoReferer ?? s.Referer,
            CustomHostAllowed = hop.SameHostAsFirst,
        };
    }
}
