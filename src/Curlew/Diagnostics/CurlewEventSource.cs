using System.Diagnostics.Tracing;

namespace Curlew.Diagnostics;

/// <summary>
/// The "Curlew" <see cref="EventSource"/>: a start/stop pair per transfer and per new connection (as OkHttp's
/// EventListener has), for dotnet-trace, PerfView or an in-process <see cref="EventListener"/>. Start/Stop names give
/// the pairs activity ids, so a trace nests connections inside the transfer that made them.
/// </summary>
/// <remarks>Fed only by <see cref="TransferEvents"/>; every write is behind <see cref="EventSource.IsEnabled()"/>, so it costs a flag check when nobody listens.</remarks>
[EventSource(Name = SourceName)]
internal sealed class CurlewEventSource : EventSource
{
    public const string SourceName = "Curlew";
    public static readonly CurlewEventSource Log = new();

    private CurlewEventSource() { }

    [Event(1, Level = EventLevel.Informational, Message = "Transfer of {0} starts")]
    public void TransferStart(string url) => WriteEvent(1, url);

    [Event(2, Level = EventLevel.Informational, Message = "Transfer ends with code {0}")]
    public void TransferStop(int result) => WriteEvent(2, result);

    [Event(3, Level = EventLevel.Informational, Message = "New connection to {0} port {1} starts")]
    public void ConnectionStart(string host, int port) => WriteEvent(3, host, port);

    [Event(4, Level = EventLevel.Informational, Message = "New connection is up ({0})")]
    public void ConnectionStop(string remote) => WriteEvent(4, remote);

    [Event(5, Level = EventLevel.Informational, Message = "Connection to {0} reused")]
    public void ConnectionReused(string host) => WriteEvent(5, host);

    [Event(6, Level = EventLevel.Informational, Message = "Connection to {0} released (kept: {1})")]
    public void ConnectionReleased(string host, bool kept) => WriteEvent(6, host, kept);

    [Event(7, Level = EventLevel.Verbose, Message = "Response status {0}")]
    public void ResponseStatus(int status) => WriteEvent(7, status);
}
