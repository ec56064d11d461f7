using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Xunit;

namespace Curlew.Tests.Servers;

/// <summary>The test servers checked with .NET's own HttpClient and raw sockets, so a Curlew failure is never a server bug.</summary>
public sealed class KestrelTestServerSelfTests
{
    [Fact]
    public async Task Hello_route_answers_hello_world_and_counts_the_connection()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var client = new HttpClient();
        var body = await client.GetStringAsync(server.BaseUrl + "/hello");
        Assert.Equal("hello world\n", body);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Bytes_route_honours_a_range_with_206()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, server.BaseUrl + "/bytes/1000");
        request.Headers.Range = new RangeHeaderValue(10, 19);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(KestrelTestServer.Pattern(10, 10), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Chunked_trailer_route_sends_chunks_and_the_trailer()
    {
        await using var server = await KestrelTestServer.StartAsync();
        var raw = await RawGet(server.Port, "/chunked-trailer/100");
        Assert.Contains("Transfer-Encoding: chunked", raw, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("X-Trailer: done", raw, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Echo_route_returns_the_body_and_describes_the_request()
    {
        await using var server = await KestrelTestServer.StartAsync();
        using var client = new HttpClient();
        using var response = await client.PostAsync(server.BaseUrl + "/echo", new ByteArrayContent("abc"u8.ToArray()));
        Assert.Equal("abc", await response.Content.ReadAsStringAsync());
        Assert.Equal("POST", response.Headers.GetValues("X-Method").Single());
        Assert.Equal("3", response.Headers.GetValues("X-Content-Length").Single());
    }

    [Fact]
    public async Task IPv6_option_listens_on_both_loopbacks_on_one_port()
    {
        await using var server = await KestrelTestServer.StartAsync(alsoIPv6: true);
        using var client = new HttpClient();
        Assert.Equal("hello world\n", await client.GetStringAsync($"http://[::1]:{server.Port}/hello"));
        Assert.Equal("hello world\n", await client.GetStringAsync($"http://127.0.0.1:{server.Port}/hello"));
    }

    internal static async Task<string> RawGet(int port, string path)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), SocketFlags.None);
        using var received = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0) received.Write(buffer, 0, read);
        return Encoding.Latin1.GetString(received.ToArray());
    }

    internal static async Task<string> RawGetUntilHeadEnd(int port)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), SocketFlags.None);
        var received = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (received.ToString(Math.Max(0, received.Length - 8192), Math.Min(8192, received.Length)).IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
        {
            var read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (read == 0) break;
            received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }
        return received.ToString();
    }
}

[Collection("nginx")]
public sealed class NginxServerSelfTests(NginxFixture nginx)
{
    [Fact]
    public async Task Nginx_serves_small_and_big_files()
    {
        using var client = new HttpClient();
        Assert.Equal(NginxServer.SmallText, await client.GetStringAsync(nginx.Server.BaseUrl + "/small.txt"));
        var big = await client.GetByteArrayAsync(nginx.Server.BaseUrl + "/big.bin");
        Assert.Equal(NginxServer.BigSize, big.Length);
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), big);
    }
}

public sealed class FaultServerSelfTests
{
    [Fact]
    public async Task Garbage_script_replies_garbage_to_a_request()
    {
        await using var server = FaultServer.Start(FaultScripts.GarbageStatusLine);
        var raw = await KestrelTestServerSelfTests.RawGet(server.Port, "/");
        Assert.Equal("garbage\r\n\r\n", raw);
        Assert.Equal(1, server.Accepted);
    }

    [Fact]
    public async Task Huge_headers_script_sends_more_than_asked()
    {
        await using var server = FaultServer.Start(FaultScripts.HugeHeaders(200 * 1024));
        var raw = await KestrelTestServerSelfTests.RawGetUntilHeadEnd(server.Port);
        Assert.True(raw.Length > 200 * 1024, $"head was only {raw.Length} bytes");
    }
}
