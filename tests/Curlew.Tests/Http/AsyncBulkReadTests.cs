using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Http;

/// <summary>
/// PerformAsync reads a long Content-Length body in pieces larger than the connection's buffer (fewer thread-pool
/// wake-ups per byte), yet the write callback still never gets more than BufferSize at once, and every byte arrives in order.
/// </summary>
[Collection("nginx")]
public sealed class AsyncBulkReadTests(NginxFixture nginx)
{
    [Theory]
    [InlineData(128 * 1024)]   // the default
    [InlineData(16 * 1024)]
    public async Task A_big_body_read_asynchronously_reaches_the_write_callback_in_pieces_no_larger_than_BufferSize(int bufferSize)
    {
        using var t = new TestTransfer(nginx.Server.BaseUrl + "/big.bin");
        int largest = 0, calls = 0;
        var received = new MemoryStream();
        t.Easy.BufferSize = bufferSize;
        t.Easy.WriteFunction = (data, _) =>
        {
            largest = Math.Max(largest, data.Length);
            calls++;
            received.Write(data);
            return data.Length;
        };
        var code = await t.Easy.PerformAsync();
        Run.AssertOk(code, t.Easy, t.Ledger);
        Assert.True(largest <= bufferSize, $"the write callback got {largest} bytes at once; BufferSize is {bufferSize}");
        Assert.True(calls >= NginxServer.BigSize / bufferSize, $"{calls} calls for {NginxServer.BigSize} bytes in pieces of at most {bufferSize}");
        Assert.Equal(KestrelTestServer.Pattern(NginxServer.BigSize), received.ToArray());
        t.Finish();
    }
}
