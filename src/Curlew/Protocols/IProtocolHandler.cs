namespace Curlew.Protocols;

/// <summary>
/// One protocol's part of a perform, as an entry in the engine's protocol table: runs one request for the URL it is
/// given and says how that ended, done or redirected. The engine owns the follow loop, the redirect limit and the
/// allow-lists, so a handler never starts a request to another URL on its own.
/// </summary>
internal interface IProtocolHandler
{
    /// <summary>Runs one request (with the handler's own retries, such as HTTP's 417 repeat) and reports the outcome.</summary>
    ValueTask<HopResult> PerformAsync(Hop hop);
}
