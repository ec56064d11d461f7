using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using System.Buffers.Text;
using System.Text;
using Curlew.Connect;
using Curlew.Transfer;

namespace Curlew.Http;

/// <summary>
/// Reads one response head (status line and header lines up to the blank line) from a connection, passing every raw
/// line to the header sinks as it is parsed and keeping the response's GetInfo values current line by line (libcurl
/// reports what it had counted when a head fails). Guards: a reply that is not HTTP, a malformed status line, a NUL
/// byte, over-long lines, more than 300 KiB of headers; a close before the blank line is judged as libcurl judges it.
/// </summary>
internal static class HttpHeadReader
{
    public const int MaxHeaderLine = 100 * 1024;    // libcurl's limit on one header line (CURL_MAX_HTTP_HEADER)
    public const int MaxHeaderBytes = 300 * 1024;   // libcurl's limit on all of one response's headers

    // into: a head object to read into (cleared first) instead of a new one.
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    public static async ValueTask<HttpResponseHead> ReadAsync(Connection connection, IoContext io, OutputSink? headerSink, OutputSink? bodySinkForHeaders,
        TransferInfo info, HttpResponseHead? into = null)
    {
        var head = into?.Clear() ?? new HttpResponseHead();
        var buffer = connection.Buffer;
        bool statusSeen = false, headerSeen = false;
        while (true)
        {
            int lineEnd = buffer.Data.IndexOf((byte)'\n');
            if (lineEnd < 0)
            {
                if (!statusSeen) CheckLooksLikeHttp(buffer.Data);
                if (buffer.Count > MaxHeaderLine) throw LineTooLong(buffer.Count);
                if (head.HeaderBytes + buffer.Count > MaxHeaderBytes) throw TooLarge(head.HeaderBytes + buffer.Count);
                int n = await buffer.FillAsync(connection.Top, io, MaxHeaderLine + 4096).ConfigureAwait(false);
                if (n == 0) return ClosedEarly(head, buffer, info);
                continue;
            }
            var line = buffer.Data[..(lineEnd + 1)];
            if (line.Length > MaxHeaderLine) throw LineTooLong(line.Length);
            if (head.HeaderBytes + line.Length > MaxHeaderBytes) throw TooLarge(head.HeaderBytes + line.Length);
            var content = TrimLineEnd(line);

            if (!statusSeen)
            {
                // A complete first line must at least hold "HTTP/"; anything shorter is HTTP/0.9 to libcurl.
                if (content.Length < 5) throw new CurlException(CurlCode.UnsupportedProtocol, "Received HTTP/0.9 when not allowed");
                CheckLooksLikeHttp(content);
                (head.StatusCode, head.Version) = HttpStatusLine.Parse(content);
                info.ResponseCode = head.StatusCode;
                // The first response byte of this request (a 100 Continue included), not of a later head on it, as libcurl.
                if (info.StartTransferTimeUs < info.PreTransferTimeUs) info.StartTransferTimeUs = Math.Max(info.PreTransferTimeUs, io.ElapsedMicroseconds);
                info.HttpVersion = head.VersionInfo;
            }
            // libcurl judges a line (status line included) before counting or delivering it.
            if (content.Contains((byte)0)) throw new CurlException(CurlCode.WeirdServerReply, "Nul byte in header");
            if (statusSeen && content.Length > 0)
            {
                ParseHeader(content, head, headerSeen);
                headerSeen = true;
            }
            head.HeaderBytes += line.Length;
            info.HeaderSize += line.Length;
            io.Events.Received(line);
            int lineLength = line.Length;
            bool blank = content.Length == 0;
            // A Stream given as HeaderData is written asynchronously in PerformAsync (inline in Perform and for callbacks).
            if (headerSink is not null) await headerSink.WriteAsync(buffer.DataMemory[..lineLength], io).ConfigureAwait(false);
            if (bodySinkForHeaders is not null) await bodySinkForHeaders.WriteAsync(buffer.DataMemory[..lineLength], io).ConfigureAwait(false);
            buffer.Consume(lineLength);
            if (blank && statusSeen) return Finish(head, info);
            statusSeen = true;
        }
    }

    // The blank line: settle the framing (a Transfer-Encoding overrides Content-Length) and publish the response's info.
    private static HttpResponseHead Finish(HttpResponseHead head, TransferInfo info)
    {
        if (head.Chunked || head.CodedWithoutChunks)
        {
            head.FramingInDoubt = head.ContentLength >= 0 || head.ContentLengthOverflow || head.Version < 11;
            head.ContentLength = -1;
        }
        if (!head.IsInformational)
        {
            // libcurl publishes the length only when the head completes; a head cut short leaves it unknown.
            if (!head.EndedByClose) info.ContentLengthDownload = head.ContentLengthInfo;
            info.ContentType = head.ContentType;
        }
        return head;
    }

    // libcurl counts a close before the blank line as a complete response when at least one whole line of a final
    // response arrived (the partial line is dropped); with nothing counted it is an empty reply, 1xx lines excluded.
    private static HttpResponseHead ClosedEarly(HttpResponseHead head, ReceiveBuffer buffer, TransferInfo info)
    {
        if (head.HeaderBytes == 0 || head.IsInformational)
            throw new CurlException(CurlCode.GotNothing, "Empty reply from server");
        buffer.Consume(buffer.Count);
        head.EndedByClose = true;
        return Finish(head, info);
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

    private static void ParseHeader(ReadOnlySpan<byte> line, HttpResponseHead head, bool headerSeen)
    {
        // A line starting with a blank continues the previous header (obs-fold): libcurl 7.88 passes it on as it is,
        // but only once there is a header to continue.
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            if (headerSeen) return;
            throw new CurlException(CurlCode.WeirdServerReply, "Header without colon");
        }
        int colon = line.IndexOf((byte)':');
        if (colon < 0) throw new CurlException(CurlCode.WeirdServerReply, "Header without colon");
        var name = line[..colon];
        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8)) ParseContentLength(value, head);
        else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8)) TransferCodings.Parse(value, head);
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
        else if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8)) head.ContentType = value.IsEmpty ? null : head.ContentTypeText(value);
        else if (Ascii.EqualsIgnoreCase(name, "WWW-Authenticate"u8)) (head.WwwAuthenticate ??= []).Add(Encoding.Latin1.GetString(value));
    }

    // Like libcurl: an optional plus sign, then the leading number counts and anything after it is ignored; no number
    // or a negative one is an error; a number too big for 64 bits is dropped (the body then runs until the server closes).
    private static void ParseContentLength(ReadOnlySpan<byte> value, HttpResponseHead head)
    {
        if (value.Length > 0 && value[0] == '+') value = value[1..];
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

    internal static string Printable(ReadOnlySpan<byte> bytes)
    {
        var s = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]);
        var sb = new StringBuilder(s.Length);
        foreach (var c in s) sb.Append(c is >= ' ' and < (char)127 ? c : '?');
        return sb.ToString();
    }
}
