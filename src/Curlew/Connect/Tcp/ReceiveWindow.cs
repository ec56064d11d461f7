using System.Globalization;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Gives a connection a wide, fixed receive buffer before a long body, when the path is short (Linux only).
/// </summary>
/// <remarks>
/// Why: Linux sizes a TCP receive buffer from the bytes the reader took per round trip. On a path of a few
/// microseconds (loopback, a container's neighbour, the same rack) that settles well under a megabyte, however fast
/// the reader is, so the sender keeps running into a closed window: it stops, waits for a window update and wakes
/// again, hundreds of times per gigabyte, and a sender that paces itself from the delivery rate it measures (BBR, the
/// congestion control many distributions now default to) reads those stops as a slow path and slows down for good.
/// Measured against Debian's nginx (sendfile, tcp_nopush) under BBR on loopback, fresh connection per download: the
/// median download went from 2.7–3.7 GB/s to 3.4–8.8 GB/s over several batches, and nginx spent roughly half the CPU
/// per byte. (With CUBIC on the server every reader was fast already: the gain is in not provoking BBR.)
/// Guard rails, so nothing else changes:
/// - only when the round-trip time the kernel measured is under <see cref="ShortPathMicroseconds"/>: the fixed buffer
///   then holds more than the path's bandwidth-delay product at any speed a host can receive; on longer paths the
///   kernel's autotuning (which can grow further) is left alone;
/// - only when the application did not size the buffer itself (an open-socket or sockopt callback that did wins; Linux
///   cannot tell a size that comes out equal to the system default from an untouched one, so that one is widened);
/// - only when the system allows a buffer that large (<c>net.core.rmem_max</c>); never smaller than it was;
/// - only after the long body's first receive (the low-water mark goes on before it): widened before any byte of the
///   body had arrived, the window opened to the whole 8 MiB at once and a sender faster than the reader filled it
///   (`ss` showed 8 MiB queued, rcv_ssthresh 126 KiB); the reader then copied from memory that had left the cache,
///   and against Kestrel (which copies each write into the socket) downloads fell from 5 to 3.5 GB/s with Kestrel
///   spending half as much CPU again per byte. Widened one receive later the queue stays short (the kernel still grows
///   the advertised window step by step: rcv_ssthresh 1.8 MiB, 0 bytes queued in the same snapshot), Kestrel is as
///   fast as without widening and nginx keeps the gain;
/// - once per connection, and the AppContext switch <c>Curlew.DisableReceiveWindowWidening</c> turns it off.
/// It costs memory only while unread data sits in the kernel, never more than the buffer.
/// </remarks>
internal static class ReceiveWindow
{
    /// <summary>What is asked for; Linux doubles it for its bookkeeping, so the buffer holds 8 MiB.</summary>
    public const int WideBytes = 4 << 20;
    public const int ShortPathMicroseconds = 1000;

    private const int IpProtoTcp = 6, TcpInfo = 11, TcpInfoRttOffset = 68, TcpInfoMinBytes = 104;

    /// <summary>False when the application set the AppContext switch <c>Curlew.DisableReceiveWindowWidening</c>.</summary>
    public static readonly bool Enabled =
        !(AppContext.TryGetSwitch("Curlew.DisableReceiveWindowWidening", out bool disabled) && disabled);

    // What SO_RCVBUF says on a socket nobody sized, and whether the system grants WideBytes: read once from the
    // kernel's settings (no probe socket: every socket Curlew makes for a transfer goes through the open callback).
    private static readonly Lazy<(int Untouched, bool Grantable)> s_system = new(ReadSystemSettings);

    /// <summary>
    /// True when <paramref name="socket"/>'s receive buffer may be widened later: right platform, switch on, and its
    /// size is still the system default (ask before any data arrives: afterwards autotuning may have changed it).
    /// </summary>
    public static bool MayWiden(Socket socket)
    {
        if (!Enabled || !OperatingSystem.IsLinux() || socket.ProtocolType != ProtocolType.Tcp) return false;
        var (untouched, grantable) = s_system.Value;
        if (!grantable) return false;
        try { return socket.ReceiveBufferSize == untouched; }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return false; }
    }

    /// <summary>Widens the buffer when the path is short; a hint only: any failure leaves the socket as it was.</summary>
    public static bool TryWiden(Socket socket)
    {
        try
        {
            Span<byte> info = stackalloc byte[TcpInfoMinBytes];
            if (socket.GetRawSocketOption(IpProtoTcp, TcpInfo, info) < TcpInfoRttOffset + 4) return false;
            uint rttMicroseconds = MemoryMarshal.Read<uint>(info[TcpInfoRttOffset..]);   // tcpi_rtt, host order
            if (rttMicroseconds == 0 || rttMicroseconds >= ShortPathMicroseconds) return false;
            if (socket.ReceiveBufferSize >= 2 * WideBytes) return false;
            socket.ReceiveBufferSize = WideBytes;
            return true;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or PlatformNotSupportedException) { return false; }
    }

    // Parsed with the invariant culture: these numbers are never localized, and the current culture could misread them.
    // net.ipv4.tcp_rmem holds "min default max": a fresh TCP socket's SO_RCVBUF is the default. SO_RCVBUF requests are
    // capped at net.core.rmem_max (then doubled), so WideBytes is granted only when rmem_max allows it.
    private static (int, bool) ReadSystemSettings()
    {
        try
        {
            var tcpRmem = File.ReadAllText("/proc/sys/net/ipv4/tcp_rmem").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            long rmemMax = long.Parse(File.ReadAllText("/proc/sys/net/core/rmem_max").Trim(), NumberStyles.None, CultureInfo.InvariantCulture);
            return tcpRmem.Length == 3 && int.TryParse(tcpRmem[1], NumberStyles.None, CultureInfo.InvariantCulture, out int untouched) ? (untouched, rmemMax >= WideBytes) : (-1, false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or OverflowException) { return (-1, false); }
    }
}
