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
        var totals = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Curlew") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => totals.AddOrUpdate(instrument.Name, value, (_, v) => v + value));
        listener.Start();

        // Other tests run in parallel and also count, so assert lower bounds from this test's own transfers.
        using (var easy = new CurlEasy { Url = server.BaseUrl + "/hello", WriteFunction = (d, _) => d.Length })
        {
            Assert.Equal(CurlCode.Ok, easy.Perform());
            Assert.Equal(CurlCode.Ok, easy.Perform());
        }
        Assert.True(totals.GetValueOrDefault("curlew.transfers") >= 2, "transfers counted");
        Assert.True(totals.GetValueOrDefault("curlew.connections.reused") >= 1, "reuse counted");
        Assert.True(totals.GetValueOrDefault("curlew.sockets.closed") >= 1, "close counted");
        Assert.True(totals.GetValueOrDefault("curlew.bytes.received") >= 24, "bytes counted");
    }
}
