namespace Curlew;

/// <summary>
/// What holds an easy handle and runs its transfers (a multi handle): the handle tells it when it is disposed, so the
/// owner can take it out first, as <c>curl_easy_cleanup</c> removes a handle from its multi.
/// </summary>
internal interface IEasyOwner
{
    /// <summary>The handle is being disposed: abort its transfer, forget it, and call <see cref="CurlEasy.LeaveOwner"/>.</summary>
    void OnEasyDisposing(CurlEasy easy);
}
