namespace Curlew;

/// <summary>
/// The one request kind libcurl keeps per handle. <c>Post</c>, <c>PostFields</c>, <c>Upload</c>, <c>NoBody</c> and
/// <c>HttpGet</c> each overwrite it, so whichever of them was set last decides the request.
/// </summary>
internal enum RequestKind
{
    Get,
    Post,
    Put,
    Head,
}
