namespace Curlew;

/// <summary>Why a socket is being created or configured (libcurl's <c>curlsocktype</c>).</summary>
public enum CurlSockType
{
    /// <summary>An outgoing connection (to a server or proxy, TCP or Unix).</summary>
    IpCxn = 0,
    /// <summary>The FTP active-mode data connection: the listener (open callback) or the accepted socket (sockopt callback).</summary>
    Accept = 1,
}
