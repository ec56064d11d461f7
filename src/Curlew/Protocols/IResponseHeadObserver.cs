namespace Curlew.Protocols;

/// <summary>
/// An internal seam for a body target that needs to know when the final response head is in (the one whose body it
/// will get, after any 1xx, followed redirect or authentication round): Curlew's <c>HttpMessageHandler</c> returns its
/// response at that moment and streams the body afterwards. A <c>WriteData</c> object implementing it is told once per
/// perform, before the first body byte (and also when the response has no body).
/// </summary>
internal interface IResponseHeadObserver
{
    /// <summary>
    /// The last head passed to the header sink is the final one; body bytes (if any) follow, then trailers.
    /// <paramref name="bodyInHand"/>: the response has no body, or all of its (Content-Length framed) body is already
    /// received, so the body follows without waiting for the network.
    /// </summary>
    void FinalResponseHead(bool bodyInHand);
}
