using System.Net;
using System.Net.Sockets;

namespace Curlew;

/// <summary>
/// The address a socket is created for (libcurl's <c>struct curl_sockaddr</c>). The open-socket callback may change
/// <see cref="Address"/> (and the other fields) to translate the target; Curlew then connects or listens where it says.
/// </summary>
public sealed class CurlSockAddr
{
    private EndPoint _address;

    /// <summary>Creates a description of <paramref name="address"/> with the plain socket type and protocol for it.</summary>
    public CurlSockAddr(EndPoint address)
    {
        _address = address;
        Family = address.AddressFamily;
        SocketType = SocketType.Stream;
        Protocol = address.AddressFamily == AddressFamily.Unix ? ProtocolType.Unspecified : ProtocolType.Tcp;
    }

    /// <summary>The address family the socket must have.</summary>
    public AddressFamily Family { get; set; }

    /// <summary>The socket type (always <see cref="SocketType.Stream"/> today; no SOCK_CLOEXEC bits).</summary>
    public SocketType SocketType { get; set; }

    /// <summary>The protocol: <see cref="ProtocolType.Tcp"/>, or <see cref="ProtocolType.Unspecified"/> for Unix sockets.</summary>
    public ProtocolType Protocol { get; set; }

    /// <summary>Size in bytes of the native <c>sockaddr</c> for <see cref="Address"/> (16 for IPv4, 28 for IPv6, 110 for Unix).</summary>
    public int AddrLen => NativeSize(_address);

    /// <summary>The target (or local listen address); setting it is how a callback translates addresses.</summary>
    public EndPoint Address
    {
        get => _address;
        set => _address = value ?? throw new ArgumentNullException(nameof(value));
    }

    internal static int NativeSize(EndPoint endPoint) => endPoint.AddressFamily switch
    {
        AddressFamily.InterNetwork => 16,
        AddressFamily.InterNetworkV6 => 28,
        AddressFamily.Unix => 110,
        _ => endPoint.Serialize().Size,
    };

    /// <inheritdoc />
    public override string ToString() => $"{Family} {SocketType}/{Protocol} {Address}";
}
