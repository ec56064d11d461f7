using Curlew.Protocols;
using Curlew.Url;

namespace Curlew.Http;

/// <summary>One HTTP request to send: method, target and body. A redirect makes a new one.</summary>
internal sealed record HttpRequest(string Method, CurlUrl Url, UploadSource? Body, bool SendCredentials, bool IsPost, bool ExpectNoBody)
{
    /// <summary>The Referer header to send (the option's, or the previous URL with <c>AutoReferer</c>).</summary>
    public string? Referer { get; init; }

    /// <summary>
    /// Whether the user's own <c>Host:</c> header applies: not once a redirect has left the first host, where curl
    /// names the real host instead. (<see cref="SendCredentials"/> likewise governs the user's Authorization and Cookie headers.)
    /// </summary>
    public bool CustomHostAllowed { get; init; } = true;

    /// <summary>The Authorization value this attempt carries, set by <see cref="Auth.HttpAuthSession.Prepare"/> just before sending.</summary>
    public string? Authorization { get; init; }

    /// <summary>An authentication probe's real body, held back (Content-Length: 0 is sent) until the server's challenge is known.</summary>
    public UploadSource? HeldBack { get; init; }
}
