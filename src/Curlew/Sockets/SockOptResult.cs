namespace Curlew;

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
