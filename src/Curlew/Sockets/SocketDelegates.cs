using System.Net.Sockets;

namespace Curlew;

/// <summary>Replaces Curlew's own socket creation. Return a socket, or <c>null</c> to refuse this attempt (libcurl's <c>CURL_SOCKET_BAD</c>).</summary>
/// <param name="clientp">The <see cref="CurlEasy.OpenSocketData"/> object, unchanged.</param>
/// <param name="purpose">An outgoing connection, or the FTP active-mode listener.</param>
/// <param name="address">The target (or local listen address); changes made here are what Curlew uses.</param>
public delegate Socket? OpenSocketCallback(object? clientp, CurlSockType purpose, CurlSockAddr address);

/// <summary>Replaces Curlew's close of a socket that came from <see cref="OpenSocketCallback"/>. The return value is ignored.</summary>
public delegate int CloseSocketCallback(object? clientp, Socket item);

/// <summary>Runs on a new socket before connect (or on an accepted FTP data socket).</summary>
public delegate SockOptResult SockOptCallback(object? clientp, Socket socket, CurlSockType purpose);
