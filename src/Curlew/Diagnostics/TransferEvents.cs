using System.Text;

namespace Curlew.Diagnostics;

/// <summary>
/// The one event seam of a transfer: every layer reports what happens here (text, headers and data in and out,
/// transfer and connection start/stop), and the consumers take what they want from it: the user's debug callback
/// (libcurl's <c>CURLOPT_DEBUGFUNCTION</c>), else the verbose trace; the "Curlew" <see cref="CurlewEventSource"/>;
/// the "Curlew" meter.
/// </summary>
/// <remarks>
/// Events are reported from the middle of Curlew's bookkeeping (a connection just taken from the cache, a socket just
/// connected). A consumer that throws (a closed trace pipe, a debug callback with a bug, a meter listener) must not
/// leak that connection or fail the transfer, so whatever a consumer throws is dropped: diagnostics never change a
/// transfer, as libcurl ignores its debug callback's answer.
/// </remarks>
internal sealed class TransferEvents
{
    /// <summary>No trace consumer: only the EventSource and meter, which check their own listeners.</summary>
    public static readonly TransferEvents Off = new(null, null, null);

    private readonly DebugCallback? _debug;
    private readonly object? _debugData;
    private readonly VerboseTrace? _trace;

    /// <param name="debug">The debug callback; it replaces the text trace, as in libcurl.</param>
    /// <param name="debugData">Passed unchanged to <paramref name="debug"/>.</param>
    /// <param name="trace">Where the curl <c>-v</c> style text goes when there is no debug callback.</param>
    public TransferEvents(DebugCallback? debug, object? debugData, TextWriter? trace)
    {
        _debug = debug;
        _debugData = debugData;
        _trace = debug is null && trace is not null ? new VerboseTrace(trace) : null;
    }

    /// <summary>Builds the seam for a transfer: trace consumers only when <paramref name="verbose"/> is on, as libcurl calls its debug callback only then.</summary>
    public static TransferEvents For(bool verbose, DebugCallback? debug, object? debugData, TextWriter? stderr) =>
        verbose ? new TransferEvents(debug, debugData, stderr ?? Console.Error) : Off;

    /// <summary>Whether text and header events go anywhere (callers skip building messages when not).</summary>
    public bool Enabled => _debug is not null || _trace is not null;

    /// <summary>Whether body bytes are wanted: only a debug callback sees them (the text trace never shows bodies).</summary>
    public bool WantsData => _debug is not null;

    /// <summary>What Curlew does ("* " lines; <see cref="CurlInfoType.Text"/>).</summary>
    public void Info(string text)
    {
        if (_debug is not null) Debug(CurlInfoType.Text, Encoding.UTF8.GetBytes(text + "\n"));
        else _trace?.Info(text);
    }

    /// <summary>A request head as sent ("> " lines; <see cref="CurlInfoType.HeaderOut"/>, the whole head in one event).</summary>
    public void Sent(ReadOnlySpan<byte> head)
    {
        if (_debug is not null) Debug(CurlInfoType.HeaderOut, head);
        else _trace?.Sent(head);
    }

    /// <summary>One response header line with its line end ("&lt; " lines; <see cref="CurlInfoType.HeaderIn"/>).</summary>
    public void Received(ReadOnlySpan<byte> line)
    {
        if (_debug is not null) Debug(CurlInfoType.HeaderIn, line);
        else _trace?.Received(line);
    }

    /// <summary>Body bytes as received (<see cref="CurlInfoType.DataIn"/>).</summary>
    public void DataIn(ReadOnlySpan<byte> data)
    {
        if (_debug is not null && !data.IsEmpty) Debug(CurlInfoType.DataIn, data);
    }

    /// <summary>Body bytes as sent (<see cref="CurlInfoType.DataOut"/>).</summary>
    public void DataOut(ReadOnlySpan<byte> data)
    {
        if (_debug is not null && !data.IsEmpty) Debug(CurlInfoType.DataOut, data);
    }

    /// <summary>A perform starts (EventSource). Process-wide, so the handle reports it before a transfer's own seam exists.</summary>
    public static void TransferStart(string? url) => Quietly(static u => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.TransferStart(u ?? ""); }, url);

    /// <summary>A perform ended with <paramref name="result"/> (EventSource and the transfers counter).</summary>
    public static void TransferStop(CurlCode result)
    {
        CurlewMetrics.RecordTransfer(result);
        Quietly(static r => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.TransferStop((int)r); }, result);
    }

    /// <summary>A perform was cancelled by its caller: the EventSource pair is closed with result -1; nothing is counted.</summary>
    public static void TransferCancelled() =>
        Quietly(static _ => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.TransferStop(-1); }, 0);

    public void ConnectionStart(string host, int port) =>
        Quietly(static s => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.ConnectionStart(s.host, s.port); }, (host, port));

    public void ConnectionStop(string remote)
    {
        CurlewMetrics.ConnectionCreated();
        Quietly(static r => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.ConnectionStop(r); }, remote);
    }

    public void ConnectionReused(string host)
    {
        CurlewMetrics.ConnectionReused();
        Quietly(static h => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.ConnectionReused(h); }, host);
    }

    public void ConnectionReleased(string host, bool kept) =>
        Quietly(static s => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.ConnectionReleased(s.host, s.kept); }, (host, kept));

    public void ResponseStatus(int status) =>
        Quietly(static s => { if (CurlewEventSource.Log.IsEnabled()) CurlewEventSource.Log.ResponseStatus(s); }, status);

    private void Debug(CurlInfoType type, ReadOnlySpan<byte> data)
    {
        try { _debug!(type, data, _debugData); }
        catch (Exception) { }   // see remarks: a failing consumer never changes a transfer
    }

    private static void Quietly<T>(Action<T> write, T state)
    {
        try { write(state); }
        catch (Exception) { }   // an EventListener that throws is the listener's problem
    }
}
