namespace Curlew;

/// <summary>What a multi-handle call returns (libcurl's <c>CURLMcode</c>, same numbers).</summary>
public enum CurlMCode
{
    /// <summary>CURLM_CALL_MULTI_PERFORM: libcurl's old "call perform again"; Curlew never returns it.</summary>
    CallMultiPerform = -1,
    /// <summary>CURLM_OK: done.</summary>
    Ok = 0,
    /// <summary>CURLM_BAD_HANDLE: the multi handle was cleaned up (disposed).</summary>
    BadHandle = 1,
    /// <summary>CURLM_BAD_EASY_HANDLE: no easy handle given, a disposed one, or one that belongs to another multi.</summary>
    BadEasyHandle = 2,
    /// <summary>CURLM_OUT_OF_MEMORY.</summary>
    OutOfMemory = 3,
    /// <summary>CURLM_INTERNAL_ERROR.</summary>
    InternalError = 4,
    /// <summary>CURLM_BAD_SOCKET.</summary>
    BadSocket = 5,
    /// <summary>CURLM_UNKNOWN_OPTION: an option number Curlew's multi does not have.</summary>
    UnknownOption = 6,
    /// <summary>CURLM_ADDED_ALREADY: the easy handle is already in a multi (this one or another).</summary>
    AddedAlready = 7,
    /// <summary>CURLM_RECURSIVE_API_CALL: called from a callback of one of the multi's transfers.</summary>
    RecursiveApiCall = 8,
    /// <summary>CURLM_WAKEUP_FAILURE.</summary>
    WakeupFailure = 9,
    /// <summary>CURLM_BAD_FUNCTION_ARGUMENT: a value out of range or of the wrong type.</summary>
    BadFunctionArgument = 10,
    /// <summary>CURLM_ABORTED_BY_CALLBACK.</summary>
    AbortedByCallback = 11,
    /// <summary>CURLM_UNRECOVERABLE_POLL.</summary>
    UnrecoverablePoll = 12,
}
