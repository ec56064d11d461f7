using System.Net;

namespace Curlew;

/// <summary>
/// Which HTTP version a request goes out as: Curlew speaks HTTP/1.0 and HTTP/1.1 only. A request for 2.0 or 3.0 that
/// allows lower goes as 1.1; one that insists (exact, or higher) fails with a clear message.
/// </summary>
internal static class RequestVersions
{
    public static Version Choose(HttpRequestMessage request)
    {
        var asked = request.Version;
        var policy = request.VersionPolicy;
        if (asked > HttpVersion.Version11)
        {
            if (policy == HttpVersionPolicy.RequestVersionOrLower) return HttpVersion.Version11;
            throw new HttpRequestException(HttpRequestError.VersionNegotiationError,
                $"Requesting HTTP version {asked} with version policy {policy} while Curlew only builds HTTP/1.1: use HttpVersionPolicy.RequestVersionOrLower or HTTP/1.1");
        }
        if (asked == HttpVersion.Version10 && policy != HttpVersionPolicy.RequestVersionOrHigher) return HttpVersion.Version10;
        return HttpVersion.Version11;
    }
}
