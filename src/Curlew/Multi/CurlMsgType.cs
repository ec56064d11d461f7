namespace Curlew;

/// <summary>What a <see cref="CurlMsg"/> says (libcurl's <c>CURLMSG</c>).</summary>
public enum CurlMsgType
{
    /// <summary>CURLMSG_NONE: never in a message.</summary>
    None = 0,
    /// <summary>CURLMSG_DONE: the handle's transfer finished, with <see cref="CurlMsg.Result"/>.</summary>
    Done = 1,
}
