using System.Diagnostics.Metrics;

namespace Curlew.Diagnostics;

/// <summary>
/// The "Curlew" <see cref="Meter"/>: socket, connection and transfer counts for dotnet-counters, OpenTelemetry or a
/// MeterListener. Counters cost a flag check when nobody listens, so they stay on.
/// </summary>
/// <remarks>
/// A listener's callback runs inside <see cref="Counter{T}.Add(T)"/>, in the middle of Curlew's own bookkeeping (between
/// taking a socket and owning it, inside a close). A listener that throws must not turn into a leaked socket or a
/// half-finished Dispose, so every recording here swallows what the listener throws: diagnostics never change a transfer.
/// </remarks>
internal static class CurlewMetrics
{
    public const string MeterName = "Curlew";
    private static readonly Meter Meter = new(MeterName, typeof(CurlewMetrics).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> SocketsOpened = Meter.CreateCounter<long>("curlew.sockets.opened", description: "Sockets obtained (created or from the open-socket callback)");
    private static readonly Counter<long> SocketsClosed = Meter.CreateCounter<long>("curlew.sockets.closed", description: "Sockets closed or handed to the close-socket callback");
    private static readonly Counter<long> ConnectionsCreated = Meter.CreateCounter<long>("curlew.connections.created", description: "New connections");
    private static readonly Counter<long> ConnectionsReused = Meter.CreateCounter<long>("curlew.connections.reused", description: "Transfers served by a cached connection");
    private static readonly Counter<long> Transfers = Meter.CreateCounter<long>("curlew.transfers", description: "Finished performs, tagged with their result code");
    private static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("curlew.bytes.received", unit: "By", description: "Body bytes delivered");

    public static void SocketOpened() => Count(SocketsOpened, 1);
    public static void SocketClosed() => Count(SocketsClosed, 1);
    public static void ConnectionCreated() => Count(ConnectionsCreated, 1);
    public static void ConnectionReused() => Count(ConnectionsReused, 1);
    public static void BodyBytesDelivered(long bytes) => Count(BytesReceived, bytes);

    /// <summary>Counts a finished perform; the tag (a boxed code) is only built when someone listens.</summary>
    public static void RecordTransfer(CurlCode code)
    {
        if (!Transfers.Enabled) return;
        try { Transfers.Add(1, new KeyValuePair<string, object?>("result", code.ToString())); }
        catch (Exception) { }   // see remarks: a failing listener is the listener's problem
    }

    private static void Count(Counter<long> counter, long value)
    {
        if (!counter.Enabled) return;
        try { counter.Add(value); }
        catch (Exception) { }   // see remarks: a failing listener is the listener's problem
    }
}
