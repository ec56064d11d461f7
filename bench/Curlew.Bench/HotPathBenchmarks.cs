using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using BenchmarkDotNet.Attributes;
using Curlew.Connect;
using Curlew.Connect.Tcp;
using Curlew.Http;
using Curlew.Protocols;
using Curlew.Sockets;

namespace Curlew.Bench;

/// <summary>
/// The HTTP hot-path pieces on their own, with the memory diagnoser (run: dotnet run -c Release --project
/// bench/Curlew.Bench -- --filter '*HotPath*'). Allocations per operation are the number to watch: every one of
/// these runs once per keep-alive request or per chunk.
/// </summary>
[MemoryDiagnoser]
public class HotPathBenchmarks
{
    private static readonly byte[] Head = Encoding.ASCII.GetBytes(
        "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Tue, 01 Dec 2026 00:00:00 GMT\r\nContent-Type: text/plain\r\n" +
        "Content-Length: 20\r\nLast-Modified: Tue, 01 Dec 2026 00:00:00 GMT\r\nConnection: keep-alive\r\nETag: \"1-14\"\r\n" +
        "Accept-Ranges: bytes\r\n\r\n");

    private byte[] _chunked = [];
    private ReplayFilter _replay = null!;
    private Connection _connection = null!;
    private readonly IoContext _io = new(synchronous: true, timeoutMs: 0, CancellationToken.None);
    private readonly TransferInfo _info = new();
    private readonly HttpResponseHead _response = new();
    private readonly HeadBuilder _builder = new();
    private HttpRequest _request = null!;
    private readonly HttpSettings _settings = new() { UserAgent = "curlew-bench/1" };

    [GlobalSetup]
    public void Setup()
    {
        // 64 chunks of 16 KiB with their framing, then the last chunk: what a chunked download looks like on the wire.
        var body = new MemoryStream();
        var data = new byte[16 * 1024];
        for (int i = 0; i < 64; i++)
        {
            body.Write(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"));
            body.Write(data);
            body.Write("\r\n"u8);
        }
        body.Write("0\r\n\r\n"u8);
        _chunked = body.ToArray();

        // A connection whose socket is never used: the replayed head is read through the top filter.
        var unused = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var socket = new SocketFilter(new ManagedSocket(unused, 1, CurlSockType.IpCxn, null, false, false, null, null, new SocketLedger()),
            new IPEndPoint(IPAddress.Loopback, 80));
        _replay = new ReplayFilter(Head);
        var route = new Route("http", "127.0.0.1", 80, null, "127.0.0.1", 80, null, null, RouteProxy.None, null);
        _connection = new Connection(_replay, socket, route, 128 * 1024);
        _request = new HttpRequest("GET", Url.CurlUrl.Parse("http://127.0.0.1/small.txt"), null, true, false, false);
    }

    [Benchmark(Description = "response head: nginx's 9 lines, parsed into a reused head")]
    public int ParseHead()
    {
        _replay.Rewind();
        var head = HttpHeadReader.ReadAsync(_connection, _io, null, null, _info, _response).GetAwaiter().GetResult();
        return head.StatusCode;
    }

    [Benchmark(Description = "chunked decoding: 1 MiB in 16 KiB chunks")]
    public long DecodeChunked()
    {
        var decoder = new ChunkedDecoder();
        ReadOnlySpan<byte> input = _chunked;
        long total = 0;
        while (!decoder.IsDone)
        {
            int used = decoder.Decode(input, out var data, out _);
            total += data.Length;
            input = input[used..];
        }
        return total;
    }

    [Benchmark(Description = "request head: a GET with a user agent, into a reused builder")]
    public int WriteRequest()
    {
        var head = HttpRequestWriter.Write(_builder, _request, _settings, resend: false);
        ArrayPool<byte>.Shared.Return(head.Buffer);
        return head.Length;
    }
}
