using System.Text;
using Curlew.Http;
using Xunit;

namespace Curlew.Tests.Unit;

public class ChunkedDecoderTests
{
    // Feeds the input in pieces of the given size, the way bytes trickle in from a socket.
    private static (string Body, List<string> Trailers, bool Done) Decode(string wire, int piece)
    {
        var decoder = new ChunkedDecoder();
        var body = new StringBuilder();
        var trailers = new List<string>();
        var pending = new List<byte>();
        var bytes = Encoding.ASCII.GetBytes(wire);
        for (int offset = 0; offset < bytes.Length && !decoder.IsDone; offset += piece)
        {
            pending.AddRange(bytes.AsSpan(offset, Math.Min(piece, bytes.Length - offset)).ToArray());
            while (pending.Count > 0 && !decoder.IsDone)
            {
                var input = pending.ToArray();
                int used = decoder.Decode(input, out var data, out var trailer);
                body.Append(Encoding.ASCII.GetString(data));
                if (!trailer.IsEmpty) trailers.Add(Encoding.ASCII.GetString(trailer));
                pending.RemoveRange(0, used);
                if (used == 0) break;
            }
        }
        return (body.ToString(), trailers, decoder.IsDone);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Chunks_are_joined_into_the_body_whatever_the_read_sizes(int piece)
    {
        var (body, trailers, done) = Decode("5\r\nhello\r\n1;ext=1\r\n \r\nA\r\n0123456789\r\n0\r\n\r\n", piece);
        Assert.Equal("hello 0123456789", body);
        Assert.Empty(trailers);
        Assert.True(done);
    }

    [Fact]
    public void Trailer_lines_are_reported_with_their_line_ends()
    {
        var (body, trailers, done) = Decode("3\r\nabc\r\n0\r\nX-Trailer: done\r\nY: 2\r\n\r\n", 4);
        Assert.Equal("abc", body);
        Assert.Equal(["X-Trailer: done\r\n", "Y: 2\r\n"], trailers);
        Assert.True(done);
    }

    [Fact]
    public void Bare_line_feeds_are_accepted_like_curl_does()
    {
        var (body, _, done) = Decode("3\nabc\n0\n\n", 2);
        Assert.Equal("abc", body);
        Assert.True(done);
    }

    [Theory]
    [InlineData("zz\r\n")]
    [InlineData("\r\n")]
    [InlineData("3\r\nabcX\r\n")]
    [InlineData("1234567890abcdef0\r\n")]
    public void Malformed_framing_is_a_receive_error(string wire)
    {
        var ex = Assert.Throws<CurlException>(() => Decode(wire, 100));
        Assert.Equal(CurlCode.RecvError, ex.Code);
        Assert.Contains("chunked-encoding", ex.Message);
    }

    [Fact]
    public void An_unfinished_stream_is_not_done()
    {
        var (body, _, done) = Decode("5\r\nhel", 100);
        Assert.Equal("hel", body);
        Assert.False(done);
    }
}

public class ChunkedDecoderPropertyTests
{
    // Any bytes, fed in any split: the decoder consumes progressively and either finishes, waits for more, or
    // throws a CurlException (RecvError) — never another exception, never an endless loop.
    [Fact]
    public void Arbitrary_input_in_arbitrary_pieces_never_breaks_the_decoder()
    {
        var alphabet = "0123456789abcdefxz;\r\n \t:Xy"u8.ToArray();
        var input = FsCheck.Fluent.Gen.ArrayOf(FsCheck.Fluent.Gen.Elements(alphabet));
        var pieces = FsCheck.Fluent.Gen.Choose(1, 8);
        var property = FsCheck.Fluent.Prop.ForAll(FsCheck.Fluent.Arb.From(input), FsCheck.Fluent.Arb.From(pieces), (byte[] bytes, int piece) =>
        {
            var decoder = new ChunkedDecoder();
            var pending = new List<byte>();
            try
            {
                for (int offset = 0; offset < bytes.Length && !decoder.IsDone; offset += piece)
                {
                    pending.AddRange(bytes.Skip(offset).Take(piece));
                    for (int guard = 0; pending.Count > 0 && !decoder.IsDone; guard++)
                    {
                        Assert.True(guard < 10_000, "the decoder stopped making progress");
                        int used = decoder.Decode(pending.ToArray(), out _, out _);
                        Assert.InRange(used, 0, pending.Count);
                        if (used == 0) break;
                        pending.RemoveRange(0, used);
                    }
                }
            }
            catch (CurlException ex)
            {
                Assert.Equal(CurlCode.RecvError, ex.Code);
            }
        });
        FsCheck.Check.One(FsCheck.Config.QuickThrowOnFailure.WithMaxTest(2000), property);
    }
}
