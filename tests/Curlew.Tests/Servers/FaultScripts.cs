using System.Net.Sockets;
using System.Text;

namespace Curlew.Tests.Servers;

/// <summary>Ready-made <see cref="FaultServer"/> scripts. Each reads the request head (up to CRLFCRLF) before replying.</summary>
public static class FaultScripts
{
    /// <summary>Replies <c>garbage\r\n\r\n</c> and closes.</summary>
    public static Func<Socket, CancellationToken, Task> GarbageStatusLine { get; } = async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, "garbage\r\n\r\n", ct);
        socket.Shutdown(SocketShutdown.Send);
    };

    /// <summary>A 200 status line then headers totalling more than <paramref name="bytes"/> bytes, then an empty body.</summary>
    public static Func<Socket, CancellationToken, Task> HugeHeaders(int bytes) => async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, "HTTP/1.1 200 OK\r\n", ct);
        var filler = new string('a', 1000);
        var sent = 0;
        for (var i = 0; sent <= bytes; i++)
        {
            var line = $"X-Filler-{i}: {filler}\r\n";
            await SendAsync(socket, line, ct);
            sent += line.Length;
        }
        await SendAsync(socket, "Content-Length: 0\r\n\r\n", ct);
        await WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>A 200 status line with one header line longer than <paramref name="bytes"/> bytes, then an empty body.</summary>
    public static Func<Socket, CancellationToken, Task> HugeHeaderLine(int bytes) => async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, "HTTP/1.1 200 OK\r\nX-Huge: " + new string('h', bytes) + "\r\nContent-Length: 0\r\n\r\n", ct);
        await WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Announces <c>Content-Length: 100</c>, sends 10 body bytes and closes.</summary>
    public static Func<Socket, CancellationToken, Task> ShortBody { get; } = async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n0123456789", ct);
        socket.Shutdown(SocketShutdown.Send);
    };

    /// <summary>Reads the request and closes without sending a single byte.</summary>
    public static Func<Socket, CancellationToken, Task> CloseBeforeAnyByte { get; } = async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        socket.Shutdown(SocketShutdown.Send);
    };

    /// <summary>Sends the head and 100 of 1000 body bytes, then resets the connection (RST, not FIN).</summary>
    public static Func<Socket, CancellationToken, Task> ResetMidBody { get; } = async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/octet-stream\r\n\r\n", ct);
        await socket.SendAsync(KestrelTestServer.Pattern(100), SocketFlags.None, ct);
        // The client's kernel holds the head and the first bytes before the reset, so it lands in the middle of the body.
        await SendQueue.WaitUntilAcknowledgedAsync(socket, TimeSpan.FromSeconds(30), ct);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    };

    /// <summary>Reads the request, then sends nothing until the server is disposed.</summary>
    public static Func<Socket, CancellationToken, Task> Stall { get; } = async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Replies with exactly <paramref name="response"/> (UTF-8) and keeps the connection open until the client closes it.</summary>
    public static Func<Socket, CancellationToken, Task> RawResponse(string response) => RawResponse(Encoding.UTF8.GetBytes(response));

    /// <summary>Replies with exactly <paramref name="response"/> and keeps the connection open until the client closes it.</summary>
    public static Func<Socket, CancellationToken, Task> RawResponse(byte[] response) => async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await socket.SendAsync(response, SocketFlags.None, ct);
        await WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Replies with exactly <paramref name="response"/> and then closes (for close-delimited bodies).</summary>
    public static Func<Socket, CancellationToken, Task> RawResponseThenClose(string response) => async (socket, ct) =>
    {
        await ReadRequestHeadAsync(socket, ct);
        await SendAsync(socket, response, ct);
        socket.Shutdown(SocketShutdown.Send);
        await WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Reads until CRLFCRLF (or EOF) and returns the head as text (Latin-1). Bytes after the head are kept in the result's tail.</summary>
    public static async Task<string> ReadRequestHeadAsync(Socket socket, CancellationToken ct)
    {
        var head = new List<byte>(1024);
        var buffer = new byte[4096];
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, ct);
            if (read == 0) break;
            head.AddRange(buffer.AsSpan(0, read));
            if (IndexOfHeadEnd(head) >= 0) break;
            if (head.Count > 1024 * 1024) throw new InvalidOperationException("request head larger than 1 MiB");
        }
        return Encoding.Latin1.GetString(head.ToArray());
    }

    /// <summary>Waits until the peer closes (or resets) the connection, or <paramref name="ct"/> is cancelled.</summary>
    public static async Task WaitForClientCloseAsync(Socket socket, CancellationToken ct)
    {
        var buffer = new byte[4096];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None, ct) > 0)
        {
        }
    }

    /// <summary>Sends <paramref name="text"/> as Latin-1.</summary>
    public static async Task SendAsync(Socket socket, string text, CancellationToken ct)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var offset = 0;
        while (offset < bytes.Length)
            offset += await socket.SendAsync(bytes.AsMemory(offset), SocketFlags.None, ct);
    }

    private static int IndexOfHeadEnd(List<byte> data)
    {
        for (var i = 3; i < data.Count; i++)
            if (data[i - 3] == '\r' && data[i - 2] == '\n' && data[i - 1] == '\r' && data[i] == '\n') return i - 3;
        return -1;
    }
}
