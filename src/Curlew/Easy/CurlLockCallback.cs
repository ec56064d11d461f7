namespace Curlew;

/// <summary>
/// CURLSHOPT_LOCKFUNC's type (libcurl's <c>curl_lock_function</c>). Curlew accepts one for portability and never
/// calls it: a <see cref="CurlShare"/> is thread-safe on its own.
/// </summary>
public delegate void CurlLockCallback(CurlEasy? handle, CurlLockData data, CurlLockAccess access, object? userData);

/// <summary>CURLSHOPT_UNLOCKFUNC's type (libcurl's <c>curl_unlock_function</c>). Accepted, never called, as <see cref="CurlLockCallback"/>.</summary>
public delegate void CurlUnlockCallback(CurlEasy? handle, CurlLockData data, object? userData);
