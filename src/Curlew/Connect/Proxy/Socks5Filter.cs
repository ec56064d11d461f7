using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Connect.Proxy;

/// <summary>
/// SOCKS5 (RFC 1928) to the route's target through the proxy below: offers no authentication, and user/password
/// (RFC 1929) when the proxy has a login; then asks for a connection to the target, by address resolved here (SOCKS5,
/// CURLPROXY_SOCKS5) or by name for the proxy to resolve (socks5h, CURLPROXY_SOCKS5_HOSTNAME). Every refusal is
/// libcurl 7.88's CURLE_PROXY (97) with a message like curl's. After the handshake bytes pass through untouched.
/// </summary>
internal sealed class Socks5Filter(RouteProxy proxy, Func<string, int, IoContext, ValueTask<IPAddress[]>> resolve, ConnectionFilter below)
    : ConnectionFilter(below)
{
    private const byte Version = 5, NoAuth = 0, UserPassword = 2, NoAcceptable = 0xFF;

    public override async ValueTask ConnectAsync(IoContext io)
    {
        var target = proxy.Kind == ProxyKind.Socks5h ? null : await ResolveTargetAsync(io).ConfigureAwait(false);
        io.Events.Info($"SOCKS5 connect to {target?.ToString() ?? proxy.TargetHost}:{proxy.TargetPort} ({(target is null ? "remotely resolved" : "locally resolved")})");
        await NegotiateAsync(io).ConfigureAwait(false);
        await RequestAsync(target, io).ConfigureAwait(false);
        io.Events.Info("SOCKS5 request granted.");
    }

    // libcurl 7.88 resolves the target once the proxy is connected, and a failure there is a SOCKS failure (97).
    private async ValueTask<IPAddress> ResolveTargetAsync(IoContext io)
    {
        try { return (await resolve(proxy.TargetHost, proxy.TargetPort, io).ConfigureAwait(false))[0]; }
        catch (CurlException ex) when (ex.Code == CurlCode.CouldntResolveHost) { throw new CurlException(CurlCode.Proxy, ex.Message, ex); }
    }

    private async ValueTask NegotiateAsync(IoContext io)
    {
        bool login = proxy.User is not null;
        byte[] greeting = login ? [Version, 2, NoAuth, UserPassword] : [Version, 1, NoAuth];
        await Next!.SendAsync(greeting, io).ConfigureAwait(false);
        var reply = new byte[2];
        await SocksIo.ReadExactlyAsync(Next, reply, io, "initial SOCKS5 response").ConfigureAwait(false);
        if (reply[0] != Version) throw new CurlException(CurlCode.Proxy, $"Received invalid version in initial SOCKS5 response.");
        switch (reply[1])
        {
            case NoAuth: return;
            case UserPassword when login: await AuthenticateAsync(io).ConfigureAwait(false); return;
            case NoAcceptable: throw new CurlException(CurlCode.Proxy, "No authentication method was acceptable.");
            default: throw new CurlException(CurlCode.Proxy, $"Undocumented SOCKS5 mode attempted to be used by server.");
        }
    }

    private async ValueTask AuthenticateAsync(IoContext io)
    {
        var user = Encoding.UTF8.GetBytes(proxy.User!);
        var password = Encoding.UTF8.GetBytes(proxy.Password ?? "");
        if (user.Length > 255 || password.Length > 255)
            throw new CurlException(CurlCode.Proxy, "Excessive user name or password length for proxy auth");
        var request = new byte[3 + user.Length + password.Length];
        request[0] = 1;
        request[1] = (byte)user.Length;
        user.CopyTo(request, 2);
        request[2 + user.Length] = (byte)password.Length;
        password.CopyTo(request, 3 + user.Length);
        await Next!.SendAsync(request, io).ConfigureAwait(false);
        var reply = new byte[2];
        await SocksIo.ReadExactlyAsync(Next, reply, io, "SOCKS5 sub-negotiation response").ConfigureAwait(false);
        if (reply[1] != 0) throw new CurlException(CurlCode.Proxy, $"User was rejected by the SOCKS5 server ({reply[0]} {reply[1]}).");
    }

    private async ValueTask RequestAsync(IPAddress? target, IoContext io)
    {
        var request = new List<byte>(262) { Version, 1 /* CONNECT */, 0 };
        if (target is null)
        {
            var name = Encoding.UTF8.GetBytes(proxy.TargetHost);
            if (name.Length > 255) throw new CurlException(CurlCode.Proxy, "SOCKS5: the destination hostname is too long to be resolved remotely by the proxy.");
            request.Add(3);
            request.Add((byte)name.Length);
            request.AddRange(name);
        }
        else
        {
            request.Add(target.AddressFamily == AddressFamily.InterNetwork ? (byte)1 : (byte)4);
            request.AddRange(target.GetAddressBytes());
        }
        request.Add((byte)(proxy.TargetPort >> 8));
        request.Add((byte)proxy.TargetPort);
        await Next!.SendAsync(request.ToArray(), io).ConfigureAwait(false);

        var head = new byte[5];   // version, reply, reserved, address type, and the first address byte
        await SocksIo.ReadExactlyAsync(Next, head, io, "SOCKS5 connect response").ConfigureAwait(false);
        if (head[0] != Version) throw new CurlException(CurlCode.Proxy, "SOCKS5 reply has wrong version, version should be 5.");
        if (head[1] != 0)
            throw new CurlException(CurlCode.Proxy, $"Can't complete SOCKS5 connection to {target?.ToString() ?? proxy.TargetHost}. ({head[1]})");
        int rest = head[3] switch
        {
            1 => 3 + 2,            // IPv4: four bytes, one read already, then the port
            4 => 15 + 2,           // IPv6
            3 => head[4] + 2,      // a name: its length byte was read
            _ => throw new CurlException(CurlCode.Proxy, "SOCKS5 reply has an unknown address type."),
        };
        await SocksIo.ReadExactlyAsync(Next, new byte[rest], io, "SOCKS5 connect response").ConfigureAwait(false);
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io) => Next!.ReceiveAsync(buffer, io);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io) => Next!.SendAsync(data, io);
}
