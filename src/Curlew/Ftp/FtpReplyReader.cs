using System.Diagnostics;
using System.Text;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// Reads one complete reply from the control connection: "NNN text", or a multi-line "NNN-" ... "NNN text" block.
/// Every line goes to the trace and to the header sink (libcurl hands FTP replies to the header callback). Guards
/// against hostile servers: a first line that is not a reply, over-long lines, endless multi-line replies, a server
/// that stays silent past the response timeout or closes mid-reply; each ends with a clear code.
/// </summary>
internal static class FtpReplyReader
{
    /// <summary>Longest reply line accepted.</summary>
    public const int MaxLine = 16 * 1024;

    /// <summary>Most bytes one reply (all its lines) may take: a multi-line reply that never ends stops here.</summary>
    public const int MaxReplyBytes = 256 * 1024;

    public static async ValueTask<FtpReply> ReadAsync(Connection connection, IoContext io, OutputSink? headers, int responseTimeoutMs)
    {
        var buffer = connection.Buffer;
        var text = new StringBuilder();
        int code = 0, total = 0;
        while (true)
        {
            int lineEnd = buffer.Data.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                if (buffer.Count > MaxLine) throw Weird($"FTP server sent a reply line longer than {MaxLine} bytes");
                await FillAsync(connection, io, responseTimeoutMs).ConfigureAwait(false);
                continue;
            }
            int lineLength = lineEnd + 1;
            total += lineLength;
            if (total > MaxReplyBytes) throw Weird($"FTP server sent a reply of more than {MaxReplyBytes} bytes without ending it");
            string lineText = Take(buffer.Data[..lineLength], io);
            if (headers is not null) await headers.WriteAsync(buffer.DataMemory[..lineLength], io).ConfigureAwait(false);
            buffer.Consume(lineLength);
            if (code == 0)
            {
                if (!TryCode(lineText, out code, out bool more))
                    throw Weird($"Weird server reply: \"{Shorten(lineText)}\" is not an FTP reply");
                text.Append(lineText.AsSpan(4));
                if (!more) return new FtpReply(code, text.ToString());
                continue;
            }
            // Inside a multi-line reply: it ends at a line starting with the same code and a space.
            text.Append('\n').Append(lineText);
            if (TryCode(lineText, out int endCode, out bool stillMore) && endCode == code && !stillMore)
                return new FtpReply(code, text.ToString());
        }
    }

    // Judges and traces one line; its text without the line end.
    private static string Take(ReadOnlySpan<byte> line, IoContext io)
    {
        var content = TrimLineEnd(line);
        if (content.Contains((byte)0)) throw Weird("FTP server sent a NUL byte in a reply");
        io.Events.Received(line);
        return Encoding.Latin1.GetString(content);
    }

    private static async ValueTask FillAsync(Connection connection, IoContext io, int responseTimeoutMs)
    {
        if (!connection.DataPending && !await WaitReadableAsync(connection, io, responseTimeoutMs).ConfigureAwait(false))
        {
            if (io.DeadlinePassed) throw io.TimedOut();
            throw new CurlException(CurlCode.OperationTimedout, $"FTP response timeout: no reply within {responseTimeoutMs} ms");
        }
        int n = await connection.Buffer.FillAsync(connection.Top, io, MaxLine + 4096).ConfigureAwait(false);
        if (n == 0)
            throw new CurlException(CurlCode.WeirdServerReply, "FTP server closed the control connection before its reply was complete");
    }

    // While a reply is slow, the progress callback and the low-speed guard still run about once a second (libcurl
    // updates both while it waits on the control connection), so a callback can abort a stalled dialogue with 42.
    private static async ValueTask<bool> WaitReadableAsync(Connection connection, IoContext io, int timeoutMs)
    {
        if (io.IdleTick is not { } tick) return await connection.Top.WaitReadableAsync(timeoutMs, io).ConfigureAwait(false);
        long start = Stopwatch.GetTimestamp();
        while (true)
        {
            long left = timeoutMs - (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (left <= 0) return false;
            if (await connection.Top.WaitReadableAsync((int)Math.Min(left, IoContext.IdleTickMs), io).ConfigureAwait(false)) return true;
            if (io.DeadlinePassed) return false;
            tick();
        }
    }

    // "NNN " ends a reply, "NNN-" starts a multi-line one; a bare "NNN" is taken as a complete reply, as servers send it.
    private static bool TryCode(string line, out int code, out bool more)
    {
        code = 0;
        more = false;
        if (line.Length < 3 || !char.IsAsciiDigit(line[0]) || !char.IsAsciiDigit(line[1]) || !char.IsAsciiDigit(line[2])) return false;
        if (line.Length > 3 && line[3] is not (' ' or '-')) return false;
        code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
        more = line.Length > 3 && line[3] == '-';
        return true;
    }

    private static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        line = line[..^1];
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "...";

    private static CurlException Weird(string message) => new(CurlCode.WeirdServerReply, message);
}
