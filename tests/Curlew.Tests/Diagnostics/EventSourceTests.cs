using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using Curlew.Tests.Lifecycle;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Diagnostics;

/// <summary>The "Curlew" EventSource gives a start/stop pair per transfer and per new connection, and marks reuse.</summary>
/// <remarks>Event listeners are process-wide, so this runs alone, after the parallel tests.</remarks>
[Collection(ProcessWideListenerCollection.Name)]
public sealed class EventSourceTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private sealed class CurlewListener : EventListener
    {
        public readonly ConcurrentQueue<(string Name, object?[] Payload)> Seen = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Curlew") EnableEvents(source, EventLevel.Verbose);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventSource.Name == "Curlew") Seen.Enqueue((e.EventName ?? "", e.Payload?.ToArray() ?? []));
        }
    }

    [Fact]
    public async Task Two_transfers_on_one_handle_give_two_transfer_pairs_one_new_connection_and_one_reuse()
    {
        using var listener = new CurlewListener();
        string url = kestrel.BaseUrl + "/hello?eventsource=" + Guid.NewGuid().ToString("N");
        using var easy = new CurlEasy { Url = url };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);
        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None), easy);

        // Other tests run in parallel in this process: keep only the events between this test's own transfer starts and stops.
        var mine = new List<(string Name, object?[] Payload)>();
        bool inside = false;
        foreach (var e in listener.Seen)
        {
            if (e.Name == "TransferStart") inside = Equals(e.Payload[0], url);
            if (inside) mine.Add(e);
            if (e.Name == "TransferStop") inside = false;
        }
        string Show() => string.Join(", ", mine.Select(e => e.Name + "(" + string.Join(",", e.Payload) + ")"));
        Assert.True(mine.Count(e => e.Name == "TransferStart") == 2, Show());
        Assert.True(mine.Count(e => e.Name == "TransferStop" && Equals(e.Payload[0], 0)) == 2, Show());
        Assert.True(mine.Count(e => e.Name == "ConnectionStart") == 1, Show());
        Assert.True(mine.Count(e => e.Name == "ConnectionStop") == 1, Show());
        Assert.True(mine.Count(e => e.Name == "ConnectionReused") == 1, Show());
        Assert.True(mine.Count(e => e.Name == "ConnectionReleased" && Equals(e.Payload[1], true)) == 2, Show());
    }
}
