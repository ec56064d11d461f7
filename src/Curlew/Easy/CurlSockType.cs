namespace Curlew;

/// <summary>Why a socket is being created or configured (libcurl's <c>curlsocktype</c>).</summary>
public enum CurlSockType
{
    /// <summary>An outgoing connection (to a server or proxy, TCP or Unix).</summary>
    IpCxn = 0,
    /// <summary>The FTP active-mode data connection: the listener (open callback) or the accepted socket (sockopt callback).</summary>
    Accept = 1,
}

/// <summary>What a <see cref="SockOptCallback"/> answers.</summary>
public enum SockOptResult
{
    /// <summary>Carry on (connect the socket as usual).</summary>
    Ok = 0,
    /// <summary>Fail this attempt with <see cref="CurlCode.AbortedByCallback"/>.</summary>
    Error = 1,
    /// <summary>The socket is already connected: skip connect and use it as is.</summary>
    AlreadyConnected = 2,
}
