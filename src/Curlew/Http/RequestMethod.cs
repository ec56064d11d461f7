namespace Curlew.Http;

/// <summary>The method name the options ask for: CustomRequest when set, else from NoBody and the request kind.</summary>
internal static class RequestMethod
{
    public static string Name(string? customRequest, bool noBody, RequestKind kind) => customRequest ?? (noBody ? "HEAD" : kind switch
    {
        RequestKind.Put => "PUT",
        RequestKind.Post => "POST",
        _ => "GET",
    });
}
