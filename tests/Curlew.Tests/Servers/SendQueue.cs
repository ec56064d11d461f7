using System.Diagnostics;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Curlew.Tests.Servers;

/// <summary>
/// What a TCP sender still holds for its peer. Fault scripts that reset a connection (or must know their FIN arrived)
/// wait here until the peer's kernel has acknowledged everything: a reset throws away what the sender still holds,
/// while what the receiver already holds stays readable before the error, so the client gets every byte sent.
/// </summary>
public static class SendQueue
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    /// <summary>Bytes sent but not yet acknowledged by the peer (a FIN counts as one): Linux's SIOCOUTQ.</summary>
    public static int Unacknowledged(Socket socket)
    {
        const nuint SiocOutq = 0x5411;
        if (ioctl((int)socket.SafeHandle.DangerousGetHandle(), SiocOutq, out var pending) != 0)
            throw new SocketException(Marshal.GetLastPInvokeError());
        return pending;
    }

    /// <summary>Returns once the peer has acknowledged every byte; throws after <paramref name="limit"/>.</summary>
    public static void WaitUntilAcknowledged(Socket socket, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (Unacknowledged(socket) > 0)
        {
            if (clock.Elapsed > limit) throw Late(socket, limit);
            Thread.Sleep(PollInterval);   // the kernel offers no wake-up for "acknowledged"; poll it
        }
    }

    /// <summary>Completes once the peer has acknowledged every byte; throws after <paramref name="limit"/>.</summary>
    public static async Task WaitUntilAcknowledgedAsync(Socket socket, TimeSpan limit, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (Unacknowledged(socket) > 0)
        {
            if (clock.Elapsed > limit) throw Late(socket, limit);
            await Task.Delay(PollInterval, ct);   // the kernel offers no wake-up for "acknowledged"; poll it
        }
    }

    private static TimeoutException Late(Socket socket, TimeSpan limit) =>
        new($"the peer had not acknowledged the last {Unacknowledged(socket)} byte(s) after {limit.TotalSeconds} s");

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, out int value);
}
