namespace Curlew;

/// <summary>What a <see cref="CurlShare"/> call returns (libcurl's <c>CURLSHcode</c>, same numbers).</summary>
public enum CurlShCode
{
    /// <summary>CURLSHE_OK: done.</summary>
    Ok = 0,
    /// <summary>CURLSHE_BAD_OPTION: an option number the share does not know, or a value of the wrong type.</summary>
    BadOption = 1,
    /// <summary>CURLSHE_IN_USE: the share is attached to at least one handle, so its options cannot change (and <see cref="CurlShare.Cleanup"/> refuses).</summary>
    InUse = 2,
    /// <summary>CURLSHE_INVALID: the share was already cleaned up.</summary>
    Invalid = 3,
    /// <summary>CURLSHE_NOMEM: out of memory (Curlew never returns it; kept for the number).</summary>
    NoMem = 4,
    /// <summary>CURLSHE_NOT_BUILT_IN: Curlew has no engine for that kind of data (cookies, PSL, HSTS).</summary>
    NotBuiltIn = 5,
}
