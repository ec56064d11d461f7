using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;

namespace Curlew.Tests.Differential;

/// <summary>
/// Blocking fault scripts for <see cref="ThreadedFaultServer"/>, private to the differential tests so their timing is fixed:
/// each reads the whole request head first, then misbehaves. Nothing waits on a clock: a close is a FIN after the
/// bytes (the client reads them all, then the end), and a reset waits until the client's kernel has acknowledged every
/// byte sent, so both engines see exactly the same bytes however loaded the machine is.
/// </summary>
internal static class DiffFaults
{
    /// <summary>Bound on every wait for the client; far beyond any case's own timeout, it only stops a broken case hanging.</summary>
    private static readonly TimeSpan ClientLimit = TimeSpan.FromSeconds(30);

    public static void ReadRequestHead(Socket socket)
    {
        var buffer = new byte[8192];
        var seen = new StringBuilder();
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = socket.Receive(buffer);
            if (n == 0) return;
            seen.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
    }

    private static void Send(Socket socket, string text)
    {
        var bytes = Encoding.Latin1.GetBytes(text);
        var sent = 0;
        while (sent < bytes.Length) sent += socket.Send(bytes, sent, bytes.Length - sent, SocketFlags.None);
    }

    /// <summary>Ends the response with a FIN after the bytes sent, then keeps the socket until the client closes it.</summary>
    private static void GracefulClose(Socket socket)
    {
        socket.Shutdown(SocketShutdown.Send);
        WaitForClientToLeave(socket);
    }

    /// <summary>Stays silent until the client closes (its timeout, or the end of its handle), then lets the connection go.</summary>
    private static void WaitForClientToLeave(Socket socket)
    {
        socket.ReceiveTimeout = (int)ClientLimit.TotalMilliseconds;
        var buffer = new byte[1024];
        while (socket.Receive(buffer) > 0)
        {
        }
    }

    /// <summary>
    /// A TCP reset, once the client's kernel has acknowledged every byte sent: a reset throws away what the sender still
    /// holds, but what the receiver already holds stays readable before the error, so the client gets all of it.
    /// </summary>
    private static void Reset(Socket socket)
    {
        WaitUntilAcknowledged(socket);
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    private static void WaitUntilAcknowledged(Socket socket) => SendQueue.WaitUntilAcknowledged(socket, ClientLimit);

    /// <summary>A status line that is not HTTP at all, then close.</summary>
    public static void GarbageStatusLine(Socket socket)
    {
        ReadRequestHead(socket);
        Send(socket, "GARBAGE 200 whatever\r\nContent-Length: 2\r\n\r\nok");
        GracefulClose(socket);
    }

    /// <summary>A valid head with one header line of <paramref name="bytes"/> bytes.</summary>
    public static Action<Socket> HugeHeaderLine(int bytes) => socket =>
    {
        ReadRequestHead(socket);
        Send(socket, "HTTP/1.1 200 OK\r\nX-Huge: " + new string('a', bytes) + "\r\nContent-Length: 2\r\n\r\nok");
        GracefulClose(socket);
    };

    /// <summary>A valid head with many 1 KiB header lines totalling about <paramref name="bytes"/>.</summary>
    public static Action<Socket> HugeHeaders(int bytes) => socket =>
    {
        ReadRequestHead(socket);
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        for (var i = 0; head.Length < bytes; i++) head.Append("X-Filler-").Append(i).Append(": ").Append('b', 1000).Append("\r\n");
        head.Append("Content-Length: 2\r\n\r\nok");
        Send(socket, head.ToString());
        GracefulClose(socket);
    };

    /// <summary>Content-Length 100, 50 bytes, close.</summary>
    public static void ShortBody(Socket socket)
    {
        ReadRequestHead(socket);
        Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nContent-Type: text/plain\r\n\r\n" + new string('s', 50));
        GracefulClose(socket);
    }

    /// <summary>Reads the request and closes without a byte.</summary>
    public static void CloseBeforeAnyByte(Socket socket)
    {
        ReadRequestHead(socket);
        GracefulClose(socket);
    }

    /// <summary>Content-Length 100, 50 bytes, then (once the client holds them) a TCP reset.</summary>
    public static void ResetMidBody(Socket socket)
    {
        ReadRequestHead(socket);
        Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + new string('r', 50));
        Reset(socket);
    }

    /// <summary>Reads the request and never answers (until the client gives up).</summary>
    public static void Stall(Socket socket)
    {
        ReadRequestHead(socket);
        WaitForClientToLeave(socket);
    }

    /// <summary>Sends a head and half the body, then goes silent until the client gives up.</summary>
    public static void StallMidBody(Socket socket)
    {
        ReadRequestHead(socket);
        Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n" + new string('t', 50));
        WaitForClientToLeave(socket);
    }

    /// <summary>
    /// Keep-alive server that answers each request with "ok" and keeps the connection open until the case calls
    /// <see cref="CloseIdle"/>, which closes every answered connection before it returns: a close "between transfers"
    /// that happens exactly there, not after a guessed pause.
    /// </summary>
    public sealed class IdleConnections
    {
        // Answered connections, each with the event CloseIdle sets once its FIN is acknowledged.
        private readonly ConcurrentDictionary<Socket, ManualResetEventSlim> _answered = new();

        public void Script(Socket socket)
        {
            ReadRequestHead(socket);
            using var closed = new ManualResetEventSlim();
            _answered[socket] = closed;   // before the answer: once the client has it, CloseIdle must find this connection
            Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
            WaitForClientToLeave(socket);   // returns at once when CloseIdle shuts the socket down
            // If CloseIdle took the connection, it still needs the socket until the client acknowledged the FIN.
            if (!_answered.TryRemove(socket, out _) && !closed.Wait(ClientLimit))
                throw new TimeoutException("CloseIdle did not finish closing the connection");
        }

        /// <summary>Sends a FIN on every connection answered so far and waits until each is acknowledged; returns the number closed.</summary>
        public int CloseIdle()
        {
            var count = 0;
            foreach (var socket in _answered.Keys)
            {
                if (!_answered.TryRemove(socket, out var closed)) continue;
                try
                {
                    socket.Shutdown(SocketShutdown.Both);
                    WaitUntilAcknowledged(socket);   // the FIN reached the client's kernel, so its next transfer sees it
                    count++;
                }
                catch (SocketException)
                {
                    // the client closed it first
                }
                finally
                {
                    closed.Set();
                }
            }
            return count;
        }
    }

    /// <summary>Answers the first request on a connection, then closes without a byte when the second one comes.</summary>
    public static void SecondRequestDies(Socket socket)
    {
        ReadRequestHead(socket);
        Send(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        ReadRequestHead(socket);
        socket.Shutdown(SocketShutdown.Both);
    }

    /// <summary>Sends <paramref name="response"/> verbatim, then closes.</summary>
    public static Action<Socket> Raw(string response) => socket =>
    {
        ReadRequestHead(socket);
        Send(socket, response);
        GracefulClose(socket);
    };

    /// <summary>Reads one request head; returns its target ("/b"), or null when the client closed first.</summary>
    public static string? ReadRequestTarget(Socket socket)
    {
        var buffer = new byte[1];
        var seen = new StringBuilder();
        // Byte by byte, so nothing of a pipelined next request is swallowed (the heads here are tiny).
        while (!seen.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (socket.Receive(buffer) == 0) return null;
            seen.Append((char)buffer[0]);
        }
        var line = seen.ToString()[..seen.ToString().IndexOf('\r')];
        var parts = line.Split(' ');
        return parts.Length >= 2 ? parts[1] : "";
    }

    /// <summary>
    /// Keep-alive server: "/" gets a 302 to /b with a body but no Content-Length (and no chunking) and the connection is
    /// never closed by the server (only when the client leaves); any other target gets a 200 with Content-Length.
    /// </summary>
    public static void RedirectWithoutLengthKeptOpen(Socket socket)
    {
        while (ReadRequestTarget(socket) is { } target)
        {
            if (target == "/")
            {
                Send(socket, "HTTP/1.1 302 Found\r\nLocation: /b\r\nContent-Type: text/plain\r\n\r\nbody of the redirect, no length given\n");
                WaitForClientToLeave(socket);
                return;
            }
            Send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 12\r\n\r\nthis is /b.\n");
        }
    }

    /// <summary>
    /// Keep-alive server: "/404" gets a 404 with a <paramref name="bodyBytes"/> body (Content-Length, or chunked), sent
    /// in full unless the client leaves first; any other target gets a 200 "ok".
    /// </summary>
    public static Action<Socket> NotFoundWithLargeBody(int bodyBytes, bool chunked) => socket =>
    {
        while (ReadRequestTarget(socket) is { } target)
        {
            if (target == "/404")
            {
                var body = new string('n', bodyBytes);
                Send(socket, chunked
                    ? $"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n{bodyBytes:x}\r\n{body}\r\n0\r\n\r\n"
                    : $"HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: {bodyBytes}\r\n\r\n{body}");
                continue;
            }
            Send(socket, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n");
        }
    };
}
