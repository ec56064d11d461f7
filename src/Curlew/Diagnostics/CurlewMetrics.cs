using System.Diagnostics.Metrics;

namespace Curlew.Diagnostics;

/// <summary>
/// The "Curlew" <see cref="Meter"/>: socket, connection and transfer counts for dotnet-counters, OpenTelemetry or a
/// MeterListener. Counters cost a flag check when nobody listens, so they stay on.
/// </summary>
internal static class CurlewMetrics
{
    public const string MeterName = "Curlew";
    private static readonly Meter Meter = new(MeterName, typeof(CurlewMetrics).Assembly.GetName().Version?.ToString());

    public static readonly Counter<long> SocketsOpened = Meter.CreateCounter<long>("curlew.sockets.opened", description: "Sockets obtained (created or from the open-socket callback)");
    public static readonly Counter<long> SocketsClosed = Meter.CreateCounter<long>("curlew.sockets.closed", description: "Sockets closed or handed to the close-socket callback");
    public static readonly Counter<long> ConnectionsCreated = Meter.CreateCounter<long>("curlew.connections.created", description: "New connections");
    public static readonly Counter<long> ConnectionsReused = Meter.CreateCounter<long>("curlew.connections.reused", description: "Transfers served by a cached connection");
    public static readonly Counter<long> Transfers = Meter.CreateCounter<long>("curlew.transfers", description: "Finished performs, tagged with their result code");
    /// <summary>Counts a finished perform; the tag (a boxed code) is only built when someone listens.</summary>
    public static void RecordTransfer(CurlCode code)
    {
        if (Transfers.Enabled) Transfers.Add(1, new KeyValuePair<string, object?>("result", code.ToString()));
    }

    public static readonly Counter<long> BytesReceived = Meter.CreateCounter<long>("curlew.bytes.received", unit: "By", description: "Body bytes delivered");
}
