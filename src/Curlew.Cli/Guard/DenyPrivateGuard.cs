using System.Net;
using System.Net.Sockets;

namespace Curlew.Cli.Guard;

/// <summary>
/// --deny-private (curlew's own flag): every socket the library is about to open for a connection passes through the
/// open-socket callback, which sees the address actually connected to (after name resolution, --resolve,
/// --connect-to and each redirect), so a name that resolves to a private address is caught as well. A refused address
/// gets no socket (the callback's "bad socket" answer): that attempt fails, the library tries the next address, and
/// when none is left the transfer ends with 7, couldn't connect, the error naming the address. A warning line says
/// which rule refused it. Unix domain sockets are not IP targets and pass.
/// </summary>
internal sealed class DenyPrivateGuard(TextWriter stderr, bool silent)
{
    private OpenSocketCallback? _next;

    /// <summary>Installs the guard in front of whatever open-socket callback is set already (such as --socket-log's).</summary>
    public void Attach(CurlEasy easy)
    {
        _next = easy.OpenSocketFunction;
        easy.OpenSocketFunction = Open;
    }

    private Socket? Open(object? clientp, CurlSockType purpose, CurlSockAddr address)
    {
        if (address.Address is IPEndPoint ip && AddressClassifier.RefusedKind(ip.Address) is { } kind)
        {
            if (!silent) stderr.Write($"Warning: --deny-private refused {Show(ip)}: a {kind} address\n");
            return null;
        }
        return _next != null ? _next(clientp, purpose, address) : new Socket(address.Family, address.SocketType, address.Protocol);
    }

    private static string Show(IPEndPoint ip) =>
        ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{ip.Address}]:{ip.Port}" : $"{ip.Address}:{ip.Port}";
}
