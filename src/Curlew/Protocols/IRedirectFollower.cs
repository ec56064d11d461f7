using Curlew.Url;

namespace Curlew.Protocols;

/// <summary>
/// The engine's redirect rules as a handler needs them while a response comes in: a redirect that will be followed
/// has its body skipped or drained instead of delivered, so the handler must know before it reads on.
/// </summary>
internal interface IRedirectFollower
{
    /// <summary>FollowLocation: redirects are followed at all.</summary>
    bool Follows { get; }

    /// <summary>MaxRedirs is used up: the next redirect ends the transfer with TooManyRedirects.</summary>
    bool LimitReached { get; }

    /// <summary>A request repeated to the same URL (HTTP's 417 retry), which libcurl counts as a followed redirect.</summary>
    void CountRepeat();

    /// <summary>A redirect that is not followed: records where it would have gone (CURLINFO_REDIRECT_URL).</summary>
    void NotFollowed(CurlUrl from, string location);
}
