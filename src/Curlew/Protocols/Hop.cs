using Curlew.Url;

namespace Curlew.Protocols;

/// <summary>
/// One request the engine asks a handler for. The first-host judgements are made by the engine for every hop, so a
/// chain that returns to the first host sends the credentials again.
/// </summary>
/// <param name="Url">Where the request goes.</param>
/// <param name="SendCredentials">Credentials (UserPwd, the URL's own, the user's Authorization and Cookie headers) may go here: same scheme, host and port as the first URL, or UnrestrictedAuth.</param>
/// <param name="SameHostAsFirst">Same host name as the first URL: the user's own Host header still applies.</param>
/// <param name="AutoReferer">With AutoReferer, the page a redirect came from (without credentials and fragment); null otherwise.</param>
/// <param name="From">What a followed redirect carries over to this request; null for the first one.</param>
/// <param name="Follower">The engine's redirect rules, asked while the response comes in.</param>
internal readonly record struct Hop(CurlUrl Url, bool SendCredentials, bool SameHostAsFirst, string? AutoReferer, RedirectCarry? From, IRedirectFollower Follower);
