namespace Curlew;

/// <summary>
/// One of a <see cref="CurlHttpHandler"/>'s pooled <see cref="CurlEasy"/> handles with what the handler keeps about it
/// between requests: its <see cref="ResponseSink"/>, and whether its options are exactly those of a plain request (the
/// handler's settings for <see cref="Credential"/>, then a GET without content) so the next plain request only sets
/// what differs (URL, header lines) instead of resetting and setting everything again. Keeping the options unchanged
/// lets the engine keep its per-handle snapshots and HTTP protocol object.
/// </summary>
internal sealed class PooledHandle(CurlEasy easy)
{
    public CurlEasy Easy { get; } = easy;

    public ResponseSink Sink { get; } = new();

    /// <summary>The response head collector of the request running on this handle (made ready by each).</summary>
    public ResponseHeadCollector Head { get; } = new();

    /// <summary>The options are the handler's plus a plain GET's; false after anything else, or a failure.</summary>
    public bool ReadyForPlain { get; set; }

    /// <summary>The "user:password" the handler's credentials gave for the request that set the options up (null: none).</summary>
    public string? Credential { get; set; }

    /// <summary>Scratch list for the next plain request's header lines, compared with the handle's before any is set.</summary>
    public List<string> Lines { get; } = [];
}
