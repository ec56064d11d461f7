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

    private static async Task<double> BytesPerGetAsync(HttpMessageHandler handler, string url)
    {
        using var client = new HttpClient(handler);
        var buffer = new byte[256];
        async Task GetAsync()
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            await using var body = await response.Content.ReadAsStreamAsync();
            int total = 0;
            for (int n; (n = await body.ReadAsync(buffer)) > 0;) total += n;
            Assert.Equal(NginxServer.SmallText.Length, total);
        }
        for (int i = 0; i < 200; i++) await GetAsync();   // JIT, the connection, pooled parts
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < Requests; i++) await GetAsync();
        return (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Requests;
    }

    [Fact]
    public async Task A_keep_alive_GET_through_CurlHttpHandler_allocates_at_most_256_bytes_more_than_through_SocketsHttpHandler()
    {
        string url = nginx.Server.BaseUrl + "/small.txt";
        var curl = new CurlHttpHandler { UseProxy = false };
        double curlBytes = await BytesPerGetAsync(curl, url);
        double socketsBytes = await BytesPerGetAsync(new SocketsHttpHandler { UseProxy = false }, url);
        Assert.True(curlBytes <= socketsBytes + CeilingAboveSockets,
            $"CurlHttpHandler allocated {curlBytes:F0} B per keep-alive GET, SocketsHttpHandler {socketsBytes:F0} B (ceiling: {CeilingAboveSockets} B more)");
    }
}
