using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Curlew.Tests.Servers;
using Xunit;

namespace Curlew.Tests.Unit;

public class MetricsTests
{
    [Fact]
    public async Task The_Curlew_meter_counts_transfers_and_reused_connections()
    {
        await using var server = await KestrelTestServer.StartAsync();
        // Other tests run in parallel and record on the same static meter. The synchronous Perform and Dispose below run
        // entirely on this thread (nothing is awaited in between), so only measurements made on it are this test's own,
        // and those can be counted exactly.
        var thread = Environment.CurrentManagedThreadId;
        var totals = new ConcurrentDictionary<string, long>();
        var results = new ConcurrentQueue<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Curlew") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (Environment.CurrentManagedThreadId != thread) return;
            totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value);
            foreach (var tag in tags)
                if (instrument.Name == "curlew.transfers" && tag.Key == "result") results.Enqueue(tag.Value?.ToString() ?? "null");
        });
        listener.Start();

        // Two GETs of the 12-byte /hello on one handle: one connection, reused by the second transfer, closed at Dispose.
        using (var easy = new CurlEasy { Url = server.BaseUrl + "/hello", WriteFunction = (d, _) => d.Length })
        {
            Assert.Equal(CurlCode.Ok, easy.Perform());
            Assert.Equal(CurlCode.Ok, easy.Perform());
        }
        Assert.Equal(thread, Environment.CurrentManagedThreadId);

        string Show() => string.Join(", ", totals.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));
        Assert.True(totals.GetValueOrDefault("curlew.transfers") == 2, $"two transfers must be counted: {Show()}");
        Assert.Equal(["Ok", "Ok"], results.ToArray());
        Assert.True(totals.GetValueOrDefault("curlew.connections.created") == 1, $"one connection must be counted as created: {Show()}");
        Assert.True(totals.GetValueOrDefault("curlew.connections.reused") == 1, $"the second transfer must count as a reuse: {Show()}");
        Assert.True(totals.GetValueOrDefault("curlew.sockets.opened") == 1, $"one socket must be counted as opened: {Show()}");
        Assert.True(totals.GetValueOrDefault("curlew.sockets.closed") == 1, $"the socket closed at Dispose must be counted: {Show()}");
        Assert.True(totals.GetValueOrDefault("curlew.bytes.received") == 24, $"2 x 12 body bytes must be counted: {Show()}");
    }
}
