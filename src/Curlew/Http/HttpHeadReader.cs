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
                // A complete first line must at least hold "HTTP/"; anything shorter is HTTP/0.9 to libcurl.
                if (content.Length < 5) throw new CurlException(CurlCode.UnsupportedProtocol, "Received HTTP/0.9 when not allowed");
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

    // Status lines are judged as libcurl 7.88 judges them: anything malformed after "HTTP/" is UnsupportedProtocol (1),
    // with "version" or "response code" in the message depending on which part is wrong.
    private static void ParseStatusLine(ReadOnlySpan<byte> line, HttpResponseHead head)
    {
        var rest = line[5..];   // after "HTTP/"
        int afterVersion;
        if (rest.Length >= 3 && IsDigit(rest[0]) && rest[1] == '.' && IsDigit(rest[2]))
        {
            if (rest[0] != '1' || rest[2] > '1')
                throw new CurlException(CurlCode.UnsupportedProtocol, $"Unsupported HTTP version ({(char)rest[0]}.{(char)rest[2]}) in response");
            head.MinorVersion = rest[2] - '0';
            afterVersion = 3;
        }
        else if (rest.Length >= 2 && rest[0] == '2' && rest[1] == ' ')
        {
            afterVersion = 1;   // "HTTP/2 200" on a plain connection: libcurl takes it, so do we (as HTTP/1.1 framing)
        }
        else throw UnsupportedVersion();

        var status = rest[afterVersion..];
        int spaces = 0;
        while (spaces < status.Length && status[spaces] == ' ') spaces++;
        status = status[spaces..];
        int digits = 0;
        while (digits < status.Length && IsDigit(status[digits])) digits++;
        if (digits == 0) throw UnsupportedVersion();
        if (spaces == 0 || digits != 3 || (status.Length > 3 && status[3] != ' '))
            throw UnsupportedCode();
        head.StatusCode = (status[0] - '0') * 100 + (status[1] - '0') * 10 + (status[2] - '0');
        if (head.StatusCode < 100) throw UnsupportedCode();
    }

    private static CurlException UnsupportedVersion() => new(CurlCode.UnsupportedProtocol, "Unsupported HTTP version in response");

    private static CurlException UnsupportedCode() => new(CurlCode.UnsupportedProtocol, "Unsupported response code in HTTP response");

    private static void ParseHeader(ReadOnlySpan<byte> line, HttpResponseHead head)
    {
        // libcurl 7.88 refuses header lines without a colon, folded continuation lines included.
        int colon = line.IndexOf((byte)':');
        if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t')
            throw new CurlException(CurlCode.WeirdServerReply, "Header without colon");
        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) ParseContentLength(value, head);
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
        else if (Ascii.EqualsIgnoreCase(name, "Location"u8))
        {
            // The first non-empty Location counts, as in curl; an empty one is no redirect at all.
            if (head.Location is null && !value.IsEmpty) head.Location = LocationHeader.ToUrlText(value);
        }
        else if (Ascii.EqualsIgnoreCase(name, "Content-Range"u8)) head.ContentRangeStart = ContentRange.ParseStart(value);
        else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) head.ContentType = Encoding.UTF8.GetString(value);
    }

    // Like libcurl: the leading number counts and anything after it is ignored; no number or a negative one is an
    // error; a number too big for 64 bits is dropped (the body then runs until the server closes).
    private static void ParseContentLength(ReadOnlySpan<byte> value, HttpResponseHead head)
    {
        int digits = 0;
        while (digits < value.Length && IsDigit(value[digits])) digits++;
        if (digits == 0) throw new CurlException(CurlCode.WeirdServerReply, "Invalid Content-Length: value");
        if (Utf8Parser.TryParse(value[..digits], out long length, out _))
        {
            head.ContentLength = length;   // a later Content-Length header wins, as in libcurl
            head.ContentLengthOverflow = false;
        }
        else
        {
            head.ContentLength = -1;
            head.ContentLengthOverflow = true;
        }
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
