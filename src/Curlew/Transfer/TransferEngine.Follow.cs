using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using Curlew.Url;

namespace Curlew.Transfer;

/// <summary>
/// The follow loop, the same for every protocol: a handler runs one request and reports done or "redirect to X"; the
/// engine counts it against MaxRedirs, resolves the target, reports it (EffectiveUrl, RedirectCount) and judges it
/// (ProtocolsStr, RedirProtocolsStr, a built handler) before any byte goes there, then decides for the next hop what
/// the first-host rule allows and the referer AutoReferer sends. Handlers ask it, through
/// <see cref="IRedirectFollower"/>, whether a redirect will be followed while its response is still coming in.
/// </summary>
internal sealed partial class TransferEngine : IRedirectFollower
{
    private long _redirects;   // in this perform; RunAsync starts it at 0

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask FollowAsync(CurlUrl first, TransferContext context)
    {
        var handler = HandlerFor(first, following: false, context, current: null);
        var hop = new Hop(first, SendCredentials: true, SameHostAsFirst: true, AutoReferer: null, From: null, this);
        while (true)
        {
            var result = await handler.PerformAsync(hop).ConfigureAwait(false);
            if (!result.IsRedirect) return;
            if (LimitReached) throw new CurlException(CurlCode.TooManyRedirects, $"Maximum ({options.MaxRedirs}) redirects followed");
            CountRedirect();   // counted before the target is checked, as libcurl counts it
            info.RedirectTimeUs = Math.Max(1, context.Io.ElapsedMicroseconds);   // the redirect steps end where the next request begins
            var from = hop.Url;
            var target = from.Resolve(result.Location!);
            // libcurl reports the new URL and method, and forgets the last response's download sizes, as soon as it
            // follows; the target's protocol is judged after that, as part of the new request.
            info.EffectiveUrl = target.ToString();
            if (target.Scheme != from.Scheme) info.Scheme = target.Scheme.ToUpperInvariant();   // CURLINFO_SCHEME: the last URL's
            info.StartDownload();
            info.EffectiveMethod = result.Carry!.Method;
            handler = HandlerFor(target, following: true, context, target.Scheme == from.Scheme ? handler : null);
            hop = new Hop(target, FirstHostRule.MaySendCredentials(target, first, options.UnrestrictedAuth), FirstHostRule.SameHost(target, first),
                options.AutoReferer ? from.RefererForm() : null, result.Carry, this);
        }
    }

    // The allow-lists first (the user's own choice is the more precise reason), then the table. The current handler
    // is kept while the chain stays on its scheme.
    private IProtocolHandler HandlerFor(CurlUrl url, bool following, in TransferContext context, IProtocolHandler? current)
    {
        if (!ProtocolAllowList.Allows(options.Protocols ?? ProtocolAllowList.Default, url.Scheme))
            throw Disallowed(url.Scheme, "ProtocolsStr", following);
        if (following && !ProtocolAllowList.Allows(options.RedirProtocols ?? ProtocolAllowList.RedirectDefault, url.Scheme))
            throw Disallowed(url.Scheme, "RedirProtocolsStr", following);
        if (current is not null) return current;
        if (!following && Restarted(url.Scheme, context) is { } kept) return kept;
        return _firstHandler = ProtocolTable.Create(url.Scheme, options, context);
    }

    private CurlException Disallowed(string scheme, string option, bool following)
    {
        if (!following) info.EffectiveMethod = MethodName;   // libcurl reports the method it would have used
        return new CurlException(CurlCode.UnsupportedProtocol, $"Protocol \"{scheme}\" not supported or disabled in Curlew ({option} does not allow it)");
    }

    private void CountRedirect()
    {
        _redirects++;
        info.RedirectCount = _redirects;
    }

    private bool LimitReached => options.MaxRedirs >= 0 && _redirects >= options.MaxRedirs;

    bool IRedirectFollower.Follows => options.FollowLocation;

    bool IRedirectFollower.LimitReached => LimitReached;

    void IRedirectFollower.CountRepeat() => CountRedirect();

    // RedirectUrl: the resolved target, or the Location as sent when it does not resolve.
    void IRedirectFollower.NotFollowed(CurlUrl from, string location)
    {
        try { info.RedirectUrl = from.Resolve(location).ToString(); }
        catch (CurlException) { info.RedirectUrl = location; }
    }
}
