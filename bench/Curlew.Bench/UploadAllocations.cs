using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Bench;

/// <summary>
/// Managed bytes per 64 KiB piece of an asynchronous upload (PerformAsync, a PUT from a read callback) to a loopback
/// sink that reads the whole body before it answers, so the early-answer watch runs for every piece.
/// </summary>
internal static class UploadAllocations
{
    public static int Run(long bodyBytes)
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        var sink = Task.Run(() => Sink(listener));
        using var easy = new CurlEasy { Url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndPoint!).Port}/sink", Upload = true, InFileSize = bodyBytes };
        long left = 0;
        easy.ReadFunction = (buffer, _) => { int n = (int)Math.Min(buffer.Length, left); buffer[..n].Fill((byte)'x'); left -= n; return n; };
        easy.WriteFunction = static (data, _) => data.Length;
        for (int round = 0; round < 3; round++)
        {
            left = bodyBytes;
            long before = GC.GetTotalAllocatedBytes(precise: true);
            var rc = easy.PerformAsync().GetAwaiter().GetResult();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Console.WriteLine($"upload {rc}: {bodyBytes} bytes, {allocated} B allocated (process) = {allocated / (bodyBytes / 65536.0):F0} B per 64 KiB piece");
        }
        return 0;
    }

    // Keep-alive sink: reads a head, then Content-Length bytes, answers 200 with an empty body; again until closed.
    private static void Sink(Socket listener)
    {
        using var s = listener.Accept();
        var buf = new byte[256 * 1024];
        var head = new StringBuilder();
        while (true)
        {
            head.Clear();
            int at = 0, got = 0;
            while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
            {
                got = s.Receive(buf);
                if (got == 0) return;
                head.Append(Encoding.ASCII.GetString(buf, 0, got));
            }
            var text = head.ToString();
            int end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4;
            var lengthLine = text.Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
            long left = long.Parse(lengthLine["Content-Length:".Length..].Trim()) - (text.Length - end);
            at = 0;
            while (left > 0) { got = s.Receive(buf); if (got == 0) return; left -= got; at += got; }
            s.Send("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"u8);
        }
    }
}
