namespace Curlew;

/// <summary>How a lock callback is asked to lock (libcurl's <c>curl_lock_access</c>, same numbers).</summary>
public enum CurlLockAccess
{
    /// <summary>CURL_LOCK_ACCESS_NONE.</summary>
    None = 0,
    /// <summary>CURL_LOCK_ACCESS_SHARED: readers may share the lock.</summary>
    Shared = 1,
    /// <summary>CURL_LOCK_ACCESS_SINGLE: one holder at a time.</summary>
    Single = 2,
}
