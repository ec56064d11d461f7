using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Curlew.TestSupport;

/// <summary>
/// Loopback ports for servers that must be told their port before they start (nginx, vsftpd) and for "nothing listens
/// here" cases. A port bound to 0 and released at once is taken from the kernel's ephemeral range, the same range every
/// outgoing connection on the machine draws its local port from: on a busy machine another process (or this one)
/// can take it before the server binds. So <see cref="Free"/> picks below that range, where only explicit binds go,
/// and the servers still retry on a lost race; <see cref="Closed"/> keeps its port bound, never listening, so that
/// no one else can take it and a connection to it is refused.
/// </summary>
public static class LoopbackPort
{
    private const int LowestPicked = 10_000;
    private static readonly ConcurrentBag<Socket> HeldClosed = [];
    private static readonly Lazy<int> EphemeralStart = new(ReadEphemeralStart);

    /// <summary>A 127.0.0.1 port nothing was bound to a moment ago, outside the ephemeral range (when it can tell).</summary>
    public static int Free() => Free(IPAddress.Loopback);

    /// <summary>A port free on both 127.0.0.1 and [::1], for a server listening on both.</summary>
    public static int FreeOnBothLoopbacks() => Free(IPAddress.Loopback, IPAddress.IPv6Loopback);

    /// <summary>
    /// A 127.0.0.1 port that refuses connections: bound (so no one else can take it) but never listening, for the rest
    /// of the run.
    /// </summary>
    public static int Closed()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        HeldClosed.Add(socket);
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static int Free(params IPAddress[] addresses)
    {
        int upper = EphemeralStart.Value;
        for (var attempt = 0; attempt < 200 && upper > LowestPicked; attempt++)
        {
            int port = Random.Shared.Next(LowestPicked, upper);
            if (BindsOnAll(port, addresses)) return port;
        }
        // No range could be read (or nothing in it was free): a kernel-chosen port, the server's start retry covers a lost race.
        using var probe = new Socket(addresses[0].AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        probe.Bind(new IPEndPoint(addresses[0], 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static bool BindsOnAll(int port, IPAddress[] addresses)
    {
        var probes = new List<Socket>();
        try
        {
            foreach (var address in addresses)
            {
                var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                probes.Add(probe);
                probe.Bind(new IPEndPoint(address, port));
            }
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
        finally
        {
            foreach (var probe in probes) probe.Dispose();
        }
    }

    // Linux says where outgoing connections take their local ports from; elsewhere the IANA dynamic range is assumed.
    private static int ReadEphemeralStart()
    {
        try
        {
            var text = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range");
            return int.Parse(text.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)[0], CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 49_152;
        }
    }
}
