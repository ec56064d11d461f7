using System.Net.Sockets;
using System.Text;

namespace Curlew.Tests.Differential;

/// <summary>
/// Fault scripts for <see cref="Servers.FaultServer"/>, private to the differential tests so their timing is fixed:
/// each reads the whole request head first, then misbehaves. Pauses before a close or reset let the client read
/// everything sent so far, so both engines see exactly the same bytes.
/// </summary>
internal static class DiffFaults
{
    private const int Settle = 150;

    public static async Task ReadRequestHead(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (n == 0) return;
            seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    private static async Task Send(Socket socket, string text, CancellationToken ct) =>
        await SendBytes(socket, Encoding.Latin1.GetBytes(text), ct);

    private static async Task SendBytes(Socket socket, byte[] bytes, CancellationToken ct)
    {
        var sent = 0;
        while (sent < bytes.Length) sent += await socket.SendAsync(bytes.AsMemory(sent), SocketFlags.None, ct);
    }

    private static async Task GracefulClose(Socket socket, CancellationToken ct)
    {
        await Task.Delay(Settle, ct);
        socket.Shutdown(SocketShutdown.Both);
    }

    private static void Reset(Socket socket)
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>A status line that is not HTTP at all, then close.</summary>
    public static async Task GarbageStatusLine(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, "GARBAGE 200 whatever\r\nContent-Length: 2\r\n\r\nok", ct);
        await GracefulClose(socket, ct);
    }

    /// <summary>A valid head with one header line of <paramref name="bytes"/> bytes.</summary>
    public static Func<Socket, CancellationToken, Task> HugeHeaderLine(int bytes) => async (socket, ct) =>
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, "HTTP/1.1 200 OK\r\nX-Huge: " + new string('a', bytes) + "\r\nContent-Length: 2\r\n\r\nok", ct);
        await GracefulClose(socket, ct);
    };

    /// <summary>A valid head with many 1 KiB header lines totalling about <paramref name="bytes"/>.</summary>
    public static Func<Socket, CancellationToken, Task> HugeHeaders(int bytes) => async (socket, ct) =>
    {
        await ReadRequestHead(socket, ct);
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (var i = 0; head.Length < bytes; i++) head.Append("X-Filler-").Append(i).Append(": ").Append('b', 1000).Append("\r\n");
        head.Append("Content-Length: 2\r\n\r\nok");
        await Send(socket, head.ToString(), ct);
        await GracefulClose(socket, ct);
    };

    /// <summary>Content-Length 100, 50 bytes, close.</summary>
    public static async Task ShortBody(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n" + new string('s', 50), ct);
        await GracefulClose(socket, ct);
    }

    /// <summary>Reads the request and closes without a byte.</summary>
    public static async Task CloseBeforeAnyByte(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await GracefulClose(socket, ct);
    }

    /// <summary>Content-Length 100, 50 bytes, a pause, then a TCP reset.</summary>
    public static async Task ResetMidBody(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + new string('r', 50), ct);
        await Task.Delay(Settle * 2, ct);
        Reset(socket);
    }

    /// <summary>Reads the request and never answers (until the server stops).</summary>
    public static async Task Stall(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await Task.Delay(Timeout.Infinite, ct);
    }

    /// <summary>Sends a head and half the body, then goes silent.</summary>
    public static async Task StallMidBody(Socket socket, CancellationToken ct)
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + new string('t', 50), ct);
        await Task.Delay(Timeout.Infinite, ct);
    }

    /// <summary>Sends <paramref name="response"/> verbatim, then closes.</summary>
    public static Func<Socket, CancellationToken, Task> Raw(string response) => async (socket, ct) =>
    {
        await ReadRequestHead(socket, ct);
        await Send(socket, response, ct);
        await GracefulClose(socket, ct);
    };
}
