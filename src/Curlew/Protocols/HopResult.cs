namespace Curlew.Protocols;

/// <summary>How one request ended: done (<see cref="Location"/> null), or a redirect the engine is to follow.</summary>
/// <param name="Location">The Location as the server sent it; the engine resolves it against the request's URL.</param>
/// <param name="Carry">What the next request takes over from this one.</param>
internal readonly record struct HopResult(string? Location, RedirectCarry? Carry)
{
    /// <summary>The transfer is complete (or the redirect was not to be followed).</summary>
    public static HopResult Done => default;

    public bool IsRedirect => Location is not null;
}
