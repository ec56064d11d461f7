namespace Curlew;

/// <summary>Options of <see cref="CurlShare.SetOpt"/> (libcurl's <c>CURLSHoption</c>, same numbers).</summary>
public enum CurlShOption
{
    /// <summary>CURLSHOPT_SHARE: start sharing one kind of data (a <see cref="CurlLockData"/>) between the attached handles.</summary>
    Share = 1,
    /// <summary>CURLSHOPT_UNSHARE: stop sharing one kind of data (a <see cref="CurlLockData"/>).</summary>
    Unshare = 2,
    /// <summary>CURLSHOPT_LOCKFUNC: a <see cref="CurlLockCallback"/>. Accepted for portability and never called: Curlew locks the share itself.</summary>
    LockFunc = 3,
    /// <summary>CURLSHOPT_UNLOCKFUNC: a <see cref="CurlUnlockCallback"/>. Accepted for portability and never called: Curlew locks the share itself.</summary>
    UnlockFunc = 4,
    /// <summary>CURLSHOPT_USERDATA: the object the lock callbacks would get. Kept in <see cref="CurlShare.UserData"/>.</summary>
    UserData = 5,
}
