using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Bench;

/// <summary>
/// No Curlew: a plain-socket reader of one big HTTP body, to find which receive pattern a server's sender likes best.
/// Each setting is <c>read:lowat:rcvbuf</c> in KiB (0 = none / the kernel's autotuning), e.g. <c>512:256:4096</c>;
/// the receive buffer and the low-water mark are set after the head, as Curlew does. Settings are interleaved, four
/// downloads each per round, each on a fresh connection. Prints the median and the best four-download mean per setting.
/// </summary>
internal static class ReadPatterns
{
    public static int Run(string url, int rounds, string[] settings)
    {
        var uri = new Uri(url);
        var patterns = settings.Select(s => s.Split(':').Select(int.Parse).ToArray()).ToArray();
        var seconds = patterns.Select(_ => new List<double>()).ToArray();
        long bytes = 0;
        var request = Encoding.ASCII.GetBytes($"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\n\r\n");
        for (int round = 0; round < rounds; round++)
            for (int i = 0; i < patterns.Length; i++)
                for (int k = 0; k < 4; k++)
                {
                    var clock = Stopwatch.StartNew();
                    bytes = Download(uri, request, patterns[i][0] * 1024, patterns[i][1] * 1024, patterns[i][2] * 1024);
                    seconds[i].Add(clock.Elapsed.TotalSeconds);
                }
        for (int i = 0; i < patterns.Length; i++)
        {
            var all = seconds[i];
            var sorted = all.Order().ToList();
            double bestGroup = Enumerable.Range(0, all.Count / 4).Min(g => all.Skip(g * 4).Take(4).Average());
            Console.WriteLine($"{settings[i],-16} median {bytes / sorted[sorted.Count / 2] / 1e9:F2} GB/s, best 4-mean {bytes / bestGroup / 1e9:F2} GB/s");
        }
        return 0;
    }

    private static long Download(Uri uri, byte[] request, int readBytes, int lowWater, int receiveBuffer)
    {
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Connect(uri.Host, uri.Port);
        socket.Send(request);
        var buffer = new byte[Math.Max(readBytes, 16 * 1024)];
        int have = 0, headEnd;
        while ((headEnd = buffer.AsSpan(0, have).IndexOf("\r\n\r\n"u8)) < 0)
        {
            int n = socket.Receive(buffer.AsSpan(have));
            if (n == 0) throw new IOException("closed before the head ended");
            have += n;
        }
        string head = Encoding.ASCII.GetString(buffer, 0, headEnd);
        int at = head.IndexOf("Content-Length:", StringComparison.OrdinalIgnoreCase);
        long length = long.Parse(head.AsSpan(at + 15, head.IndexOf('\r', at) - at - 15).Trim());
        long got = have - headEnd - 4;
        if (receiveBuffer > 0) socket.ReceiveBufferSize = receiveBuffer;
        bool marked = lowWater > 0;
        if (marked)
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, lowWater);
            socket.ReceiveTimeout = 50;   // as Curlew: a wait that finds nothing drops the mark
        }
        while (got < length)
        {
            if (marked && length - got < lowWater) { socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, 1); marked = false; }
            int n;
            try { n = socket.Receive(buffer, 0, (int)Math.Min(buffer.Length, length - got), SocketFlags.None); }
            catch (SocketException ex) when (marked && ex.SocketErrorCode is SocketError.TimedOut or SocketError.WouldBlock)
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReceiveLowWater, 1);
                marked = false;
                continue;
            }
            if (n == 0) throw new IOException($"closed after {got} of {length} bytes");
            got += n;
        }
        return got;
    }
}
