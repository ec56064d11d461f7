using Curlew.Protocols;

namespace Curlew;

/// <summary>
/// A pooled handle's body target (WriteData) and header callback (HeaderFunction), the same objects for every request
/// on that handle, so the engine keeps its output sinks and its HTTP protocol object from one request to the next. Each
/// request attaches its own body pipe, head collector and itself (told when the final head is in) for the length of its transfer and detaches
/// them when the transfer has ended: nothing of one request reaches the next one's.
/// </summary>
internal sealed class ResponseSink : PipeWritingStream, IResponseHeadObserver
{
    private BodyPipe? _pipe;
    private ResponseHeadCollector? _head;
    private CurlExchange? _exchange;

    public ResponseSink() => HeaderFunction = OnHeaderLine;

    /// <summary>The HeaderFunction to give the handle: one delegate per sink, so the option's value never changes.</summary>
    public WriteCallback HeaderFunction { get; }

    /// <summary>Routes the next transfer's output to one request's pipe and collector.</summary>
    public void Attach(BodyPipe pipe, ResponseHeadCollector head, CurlExchange exchange) => (_pipe, _head, _exchange) = (pipe, head, exchange);

    /// <summary>The transfer ended: nothing more goes to that request.</summary>
    public void Detach() => (_pipe, _head, _exchange) = (null, null, null);

    // A write or header line with no request attached cannot happen (the engine writes only during the transfer); it
    // would fail the transfer rather than land anywhere.
    private long OnHeaderLine(ReadOnlySpan<byte> data, object? userdata) => _head is { } head ? head.OnHeaderLine(data, userdata) : 0;

    void IResponseHeadObserver.FinalResponseHead(bool bodyInHand) => _exchange?.OnFinalHead(bodyInHand);

    protected override BodyPipe Target() => _pipe ?? throw new IOException("No request is attached to this handle's response sink");
}
