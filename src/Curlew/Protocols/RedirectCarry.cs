namespace Curlew.Protocols;

/// <summary>
/// What a followed redirect hands to the next request, decided by the protocol that was redirected when it follows
/// (as libcurl decides it): the method the next request uses (HTTP turns a POST into a GET on 301/302/303 unless
/// PostRedir says keep it) and the body it still sends, which the next handler rewinds before use.
/// </summary>
/// <param name="StatusCode">The redirect's status code.</param>
/// <param name="Method">The method the next request uses (CURLINFO_EFFECTIVE_METHOD reports it from the follow on).</param>
/// <param name="Body">The body to send again; null when the redirect dropped it.</param>
/// <param name="IsPost">The body goes as a POST (form content type).</param>
/// <param name="ExpectNoBody">The next request is a HEAD: no response body is expected.</param>
internal sealed record RedirectCarry(int StatusCode, string Method, UploadSource? Body, bool IsPost, bool ExpectNoBody);
