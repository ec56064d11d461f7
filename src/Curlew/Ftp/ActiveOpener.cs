using System.Net;
using System.Net.Sockets;
using Curlew.Connect;
using Curlew.Connect.Tcp;

namespace Curlew.Ftp;

/// <summary>
/// Active mode, first half: opens the listening socket (open callback with purpose Accept; a rewritten address is
/// where it listens) and tells the server where to connect with EPRT, falling back to PORT (or PORT alone when
/// <c>FtpUseEprt</c> is off). A wildcard bind announces the control connection's local address. The returned
/// acceptor owns the listener: the caller accepts once the transfer command is answered, or disposes it.
/// </summary>
internal static class ActiveOpener
{
    public static async ValueTask<SocketAcceptor> ListenAsync(FtpControl control, FtpSession session, FtpSettings s, ConnectionProvider connections)
    {
        var controlLocal = (control.Connection.Local as IPEndPoint)?.Address
            ?? throw new CurlException(CurlCode.FtpPortFailed, "The control connection has no local IP address to offer in PORT/EPRT");
        var spec = FtpPortSpec.Parse(s.Port!);
        var address = spec.ResolveAddress(controlLocal);
        var acceptor = connections.ListenForData(address, spec.FirstPort, spec.LastPort);
        try
        {
            var bound = acceptor.LocalEndPoint;
            var announce = bound.Address.Equals(IPAddress.Any) || bound.Address.Equals(IPAddress.IPv6Any)
                ? new IPEndPoint(controlLocal, bound.Port) : bound;
            await AnnounceAsync(control, session, s.UseEprt, announce).ConfigureAwait(false);
            return acceptor;
        }
        catch
        {
            acceptor.Dispose();
            throw;
        }
    }

    private static async ValueTask AnnounceAsync(FtpControl control, FtpSession session, bool useEprt, IPEndPoint at)
    {
        bool v4 = at.AddressFamily == AddressFamily.InterNetwork || at.Address.IsIPv4MappedToIPv6;
        var address = at.Address.IsIPv4MappedToIPv6 ? at.Address.MapToIPv4() : at.Address;
        if (useEprt && !session.EprtRefused)
        {
            var eprt = await control.CommandAsync($"EPRT |{(v4 ? 1 : 2)}|{address}|{at.Port}|").ConfigureAwait(false);
            if (eprt.IsSuccess) return;
            session.EprtRefused = true;
            if (!v4) throw new CurlException(CurlCode.FtpPortFailed, $"EPRT command failed: {eprt.Code:D3}, and PORT cannot carry an IPv6 address");
        }
        if (!v4) throw new CurlException(CurlCode.FtpPortFailed, "PORT cannot carry an IPv6 address (FtpUseEprt is off)");
        var b = address.GetAddressBytes();
        var port = await control.CommandAsync($"PORT {b[0]},{b[1]},{b[2]},{b[3]},{at.Port >> 8},{at.Port & 0xff}").ConfigureAwait(false);
        if (!port.IsSuccess) throw new CurlException(CurlCode.FtpPortFailed, $"PORT command failed: {port.Code:D3}");
    }
}
