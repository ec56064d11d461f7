using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Curlew.Ftp;

/// <summary>
/// <c>FtpPort</c> read as libcurl reads it: "-" (the control connection's local address), an IP address, an
/// interface name or a host name, each optionally followed by ":port" or ":low-high" (IPv6 addresses in brackets).
/// </summary>
internal readonly record struct FtpPortSpec(string Host, int FirstPort, int LastPort)
{
    public static FtpPortSpec Parse(string value)
    {
        string host = value, ports = "";
        if (value.StartsWith('['))
        {
            int close = value.IndexOf(']');
            if (close < 0) throw Bad(value);
            host = value[1..close];
            if (close + 1 < value.Length)
            {
                if (value[close + 1] != ':') throw Bad(value);
                ports = value[(close + 2)..];
            }
        }
        else if (value.Count(c => c == ':') == 1)
        {
            int colon = value.IndexOf(':');
            host = value[..colon];
            ports = value[(colon + 1)..];
        }
        int first = 0, last = 0;
        if (ports.Length > 0)
        {
            int dash = ports.IndexOf('-');
            if (!TryPort(dash < 0 ? ports : ports[..dash], out first)) throw Bad(value);
            last = first;
            if (dash >= 0 && !TryPort(ports[(dash + 1)..], out last)) throw Bad(value);
            if (last < first) last = first;   // libcurl uses the first port alone when the range is backwards
        }
        return new FtpPortSpec(host, first, last);
    }

    /// <summary>The address to listen on: <paramref name="controlLocal"/> for "-" or an empty host, else the address, interface or host named.</summary>
    public IPAddress ResolveAddress(IPAddress controlLocal)
    {
        if (Host.Length == 0 || Host == "-") return controlLocal;
        if (IPAddress.TryParse(Host, out var literal)) return literal;
        foreach (var nic in SafeInterfaces())
        {
            if (nic.Name != Host) continue;
            foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                if (unicast.Address.AddressFamily == controlLocal.AddressFamily) return unicast.Address;
        }
        try
        {
            foreach (var address in Dns.GetHostAddresses(Host))
                if (address.AddressFamily == controlLocal.AddressFamily) return address;
        }
        catch (SocketException) { }
        throw new CurlException(CurlCode.FtpPortFailed, $"failed to resolve the address provided to PORT: {Host}");
    }

    private static NetworkInterface[] SafeInterfaces()
    {
        try { return NetworkInterface.GetAllNetworkInterfaces(); }
        catch (NetworkInformationException) { return []; }
    }

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;

    private static CurlException Bad(string value) =>
        new(CurlCode.FtpPortFailed, $"FtpPort \"{value}\" is not an address, interface or host with an optional :port or :low-high");
}
