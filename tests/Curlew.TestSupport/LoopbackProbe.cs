using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.TestSupport;

/// <summary>Readiness checks for a server starting on a 127.0.0.1 port.</summary>
internal static class LoopbackProbe
{
    private static readonly TimeSpan StepLimit = TimeSpan.FromSeconds(5);

    /// <summary>Whether a connection to <paramref name="port"/> is accepted.</summary>
    public static async Task<bool> Accepts(int port)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port).WaitAsync(StepLimit);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Whether every port in <paramref name="ports"/> accepts.</summary>
    public static async Task<bool> AllAccept(IEnumerable<int> ports)
    {
        foreach (var port in ports)
            if (!await Accepts(port)) return false;
        return true;
    }

    /// <summary>Whether the server on <paramref name="port"/> greets with <paramref name="code"/> (an FTP server's 220).</summary>
    public static async Task<bool> Greets(int port, string code)
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await probe.ConnectAsync(IPAddress.Loopback, port).WaitAsync(StepLimit);
            var buffer = new byte[256];
            int n = await probe.ReceiveAsync(buffer).WaitAsync(StepLimit);
            return n >= code.Length && Encoding.ASCII.GetString(buffer, 0, code.Length) == code;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
