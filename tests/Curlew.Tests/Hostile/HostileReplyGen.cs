using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Curlew.Tests.Hostile;

/// <summary>
/// Generates server replies that are mostly HTTP-shaped but broken in the ways real hostile or buggy servers break:
/// odd status lines, contradictory framing headers, bad chunk sizes, bodies cut short or too long, stray bytes.
/// </summary>
public static class HostileReplyGen
{
    private static readonly string[] StatusLines =
    [
        "HTTP/1.1 200 OK", "HTTP/1.0 200 OK", "HTTP/1.1 204 No Content", "HTTP/1.1 304 Not Modified",
        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", "HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\nHTTP/1.1 200 OK",
        "HTTP/1.1 404 Not Found", "HTTP/1.1 302 Found\r\nLocation: /elsewhere", "HTTP/1.1 999 Odd", "HTTP/1.1 20 Short",
        "HTTP/1.1200 OK", "HTTP/2 200", "HTTP/1.1 abc", "HTTP/9.9 200 OK", "garbage", "", "\r\n", "HTTP/1.1 200",
        "HTTP/1.1 101 Switching Protocols",
    ];

    private static readonly string[] Headers =
    [
        "Content-Length: 5", "Content-Length: 0", "Content-Length: -1", "Content-Length: 99999999999999999999",
        "Content-Length: 5, 6", "Content-Length: abc", "Transfer-Encoding: chunked", "Transfer-Encoding: gzip, chunked",
        "Transfer-Encoding: gzip", "Connection: close", "Connection: keep-alive", "Content-Type: text/plain",
        " folded continuation", "NoColonHeader", ": empty name", "X-Long: " + new string('a', 5000), "Location: http://[::1",
        "Location: gopher://x/", "Content-Length:", "Content-Length:  3 ",
    ];

    private static readonly string[] Bodies =
    [
        "", "hello", "hello world, this is longer than five", "5\r\nhello\r\n0\r\n\r\n", "zz\r\nhello\r\n0\r\n\r\n",
        "5\r\nhel", "3\r\nabcdef\r\n0\r\n\r\n", "0\r\nX-Trailer: t\r\n\r\n", "ffffffffffffffff\r\n", "1;ext\r\na\r\n0\r\n\r\n",
        "\0\0\0\u00ff\u00fe",
    ];

    public static Gen<byte[]> Reply => Gen.Frequency((4, Shaped), (1, ShortFromHttpAlphabet));   // a getter: the parts below are initialised after this line

    // Short strings over the characters status lines are made of: finds edge cases like "HT\r\n" or "HTTP/1.\n".
    private static readonly Gen<byte[]> ShortFromHttpAlphabet =
        from length in Gen.Choose(0, 16)
        from chars in Gen.ArrayOf(Gen.Elements("HTP/1.0 2\r\n:"u8.ToArray()), length)
        select chars;

    private static Gen<byte[]> Shaped { get; } =
        from status in Gen.Elements(StatusLines)
        from headers in Gen.ListOf(Gen.Elements(Headers)).Select(l => l.Take(6).ToArray())
        from lineEnd in Gen.Elements("\r\n", "\n")
        from body in Gen.Elements(Bodies)
        from flips in Gen.Choose(0, 3)
        from seed in Gen.Choose(0, int.MaxValue)
        from cutPercent in Gen.Frequency((4, Gen.Constant(100)), (1, Gen.Choose(0, 99)))
        select Build(status, headers, lineEnd, body, flips, seed, cutPercent);

    private static byte[] Build(string status, string[] headers, string lineEnd, string body, int flips, int seed, int cutPercent)
    {
        var sb = new StringBuilder();
        sb.Append(status).Append(lineEnd);
        foreach (var h in headers) sb.Append(h).Append(lineEnd);
        sb.Append(lineEnd).Append(body);
        var bytes = Encoding.Latin1.GetBytes(sb.ToString());
        var random = new Random(seed);
        for (int i = 0; i < flips && bytes.Length > 0; i++) bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        return bytes[..(bytes.Length * cutPercent / 100)];
    }
}
