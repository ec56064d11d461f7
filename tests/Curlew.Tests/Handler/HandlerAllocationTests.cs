using Curlew.Tests.Servers;
using Curlew.Tests.Transfer;
using Xunit;

namespace Curlew.Tests.Handler;

/// <summary>
/// HttpClient over <see cref="CurlHttpHandler"/> allocates about what it does over SocketsHttpHandler for a keep-alive
/// GET: the same loop through both handlers against the same nginx, process-wide counts (so it runs alone). The
/// response itself (message, headers, content, HttpClient's own timeout source) is the same for both; what Curlew adds
/// per request (its exchange, the body pipe and stream, the transfer's cancellation) must stay small.
/// </summary>
[Collection(AllocationCollection.Name)]
public sealed class HandlerAllocationTests(NginxFixture nginx)
{
    private const int Requests = 2000;
    private const int CeilingAboveSockets = 256;

    private const int Rounds = 6;

    private static async Task GetAsync(HttpClient client, string url, byte[] buffer)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        int total = 0;
        for (int n; (n = await body.ReadAsync(buffer)) > 0;) total += n;
        Assert.Equal(NginxServer.SmallText.Length, total);
    }

    private static async Task<double> BytesPerGetAsync(HttpClient client, string url, byte[] buffer)
    {
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Requests; i++) await GetAsync(client, url, buffer);
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Requests;
    }

    [Fact]
    public async Task A_keep_alive_GET_through_CurlHttpHandler_allocates_at_most_256_bytes_more_than_through_SocketsHttpHandler()
    {
        string url = nginx.Server.BaseUrl + "/small.txt";
        var buffer = new byte[256];
        using var curl = new HttpClient(new CurlHttpHandler { UseProxy = false });
        using var sockets = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        for (int i = 0; i < 200; i++) { await GetAsync(curl, url, buffer); await GetAsync(sockets, url, buffer); }   // JIT, connections, pooled parts
        // Process-wide counts also see whatever the rest of the test process allocates meanwhile (a fixture winding
        // down, a timer): interleaved rounds, and the least of each, so that noise falls on neither handler.
        double curlBytes = double.MaxValue, socketsBytes = double.MaxValue;
        for (int round = 0; round < Rounds; round++)
        {
            curlBytes = Math.Min(curlBytes, await BytesPerGetAsync(curl, url, buffer));
            socketsBytes = Math.Min(socketsBytes, await BytesPerGetAsync(sockets, url, buffer));
        }
        Assert.True(curlBytes <= socketsBytes + CeilingAboveSockets,
            $"CurlHttpHandler allocated {curlBytes:F0} B per keep-alive GET, SocketsHttpHandler {socketsBytes:F0} B (ceiling: {CeilingAboveSockets} B more)");
    }
}
