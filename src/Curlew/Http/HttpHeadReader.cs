using System.Buffers.Text;
using System.Text;
using Curlew.Connect;
using Curlew.Transfer;

namespace Curlew.Http;

/// <summary>
/// Reads one response head (status line and header lines up to the blank line) from a connection, passing every raw
/// line to the header sinks as it is parsed. Guards: a reply that is not HTTP/1.x, a malformed status line, more than
/// 100 KiB of headers, a peer that closes early.
/// </summary>
internal static class HttpHeadReader
{
    public const int MaxHeaderLine = 100 * 1024;    // libcurl's limit on one header line (CURL_MAX_HTTP_HEADER)
    public const int MaxHeaderBytes = 300 * 1024;   // libcurl's limit on all of one response's headers

    public static async ValueTask<HttpResponseHead> ReadAsync(Connection connection, IoContext io, OutputSink? headerSink, OutputSink? bodySinkForHeaders, TransferInfo info)
    {
        var head = new HttpResponseHead();
        var buffer = connection.Buffer;
        bool statusSeen = false;
        while (true)
        {
            int lineEnd = buffer.Data.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                if (!statusSeen) CheckLooksLikeHttp(buffer.Data);
                if (buffer.Count > MaxHeaderLine) throw LineTooLong(buffer.Count);
                if (head.HeaderBytes + buffer.Count > MaxHeaderBytes) throw TooLarge(head.HeaderBytes + buffer.Count);
                int n = await buffer.FillAsync(connection.Top, io, MaxHeaderLine + 4096).ConfigureAwait(false);
                if (n == 0) throw ClosedEarly(statusSeen || buffer.Count > 0);
                continue;
            }
            var line = buffer.Data[..(lineEnd + 1)];
            if (line.Length > MaxHeaderLine) throw LineTooLong(line.Length);
            head.HeaderBytes += line.Length;
            if (head.HeaderBytes > MaxHeaderBytes) throw TooLarge(head.HeaderBytes);
            var content = TrimLineEnd(line);

            if (!statusSeen)
            {
                CheckLooksLikeHttp(content);
                ParseStatusLine(content, head);
                info.ResponseCode = head.StatusCode;
                statusSeen = true;
            }
            else if (content.Length > 0)
            {
                ParseHeader(content, head);
            }
            io.Log.Received(line);
            headerSink?.Write(line);
            bodySinkForHeaders?.Write(line);
            buffer.Consume(line.Length);
            if (content.Length == 0 && statusSeen && head.HeaderBytes > line.Length) return head;
        }
    }

    private static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        line = line[..^1];
        return line.Length > 0 && line[^1] == '\r' ? line[..^1] : line;
    }

    // libcurl refuses anything that does not start like "HTTP/" as HTTP/0.9, which is off by default.
    private static void CheckLooksLikeHttp(ReadOnlySpan<byte> start)
    {
        var prefix = "HTTP/"u8;
        int n = Math.Min(start.Length, prefix.Length);
        if (!start[..n].SequenceEqual(prefix[..n]))
            throw new CurlException(CurlCode.UnsupportedProtocol, "Received HTTP/0.9 when not allowed");
    }

    private static void ParseStatusLine(ReadOnlySpan<byte> line, HttpResponseHead head)
    {
        // "HTTP/1.1 200 Reason" (reason optional)
        if (line.Length >= 12 && line[5] == '1' && line[6] == '.' && IsDigit(line[7]) && line[8] == ' '
            && IsDigit(line[9]) && IsDigit(line[10]) && IsDigit(line[11]) && (line.Length == 12 || line[12] == ' '))
        {
            head.MinorVersion = line[7] - '0';
            head.StatusCode = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            return;
        }
        if (line.Length >= 6 && IsDigit(line[5]) && line[5] != '1')
            throw new CurlException(CurlCode.UnsupportedProtocol, "Unsupported HTTP version in response");
        throw new CurlException(CurlCode.WeirdServerReply, $"Invalid status line: \"{Printable(line)}\"");
    }

    private static void ParseHeader(ReadOnlySpan<byte> line, HttpResponseHead head)
    {
        if (line[0] is (byte)' ' or (byte)'\t') return;   // obsolete line folding: passed on, not interpreted
        int colon = line.IndexOf((byte)':');
        if (colon <= 0) return;
        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
        {
            if (!Utf8Parser.TryParse(value, out long length, out int used) || used != value.Length || length < 0
                || (head.ContentLength >= 0 && head.ContentLength != length))
                throw new CurlException(CurlCode.WeirdServerReply, $"Invalid Content-Length: {Printable(value)}");
            head.ContentLength = length;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
        {
            // chunked must be the last coding; anything else is read until close
            var last = value;
            int comma = value.LastIndexOf((byte)',');
            if (comma >= 0) last = value[(comma + 1)..].Trim(" \t"u8);
            head.Chunked = Ascii.EqualsIgnoreCase(last, "chunked"u8);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
        {
            if (ContainsToken(value, "close"u8)) head.ConnectionClose = true;
            if (ContainsToken(value, "keep-alive"u8)) head.ConnectionKeepAlive = true;
        }
        else if (Ascii.EqualsIgnoreCase(name, "Location"u8)) head.Location = Encoding.UTF8.GetString(value);
        else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) head.ContentType = Encoding.UTF8.GetString(value);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token)) return true;
        return false;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static CurlException TooLarge(long size) =>
        new(CurlCode.RecvError, $"Too large response headers: {size} > {MaxHeaderBytes}");

    // libcurl answers a single header line beyond its buffer limit with "out of memory"; same code here.
    private static CurlException LineTooLong(long size) =>
        new(CurlCode.OutOfMemory, $"Rejected {size} bytes header line (max is {MaxHeaderLine})");

    private static CurlException ClosedEarly(bool gotSomething) => gotSomething
        ? new(CurlCode.RecvError, "Connection closed in the middle of the response headers")
        : new(CurlCode.GotNothing, "Empty reply from server");

    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var s = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is >= ' ' and < (char)127 ? c : '?');
        return sb.ToString();
    }
}
