using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Connect;

namespace Curlew.Protocols;

/// <summary>
/// Where received bytes go: the user's write callback, else a <see cref="Stream"/> given as data, else standard output
/// (libcurl's default). A callback that takes fewer bytes than offered fails the transfer with <see cref="CurlCode.WriteError"/>,
/// and so does anything a stream throws (an <see cref="OperationCanceledException"/> included: only the caller's token
/// may cancel a transfer). Asynchronous transfers write a stream with <see cref="Stream.WriteAsync(ReadOnlyMemory{byte}, CancellationToken)"/>.
/// </summary>
internal sealed class OutputSink
{
    private readonly WriteCallback? _callback;
    private readonly object? _userData;
    private readonly Stream? _stream;
    private readonly string _what;
    private readonly IResponseHeadObserver? _observer;

    private OutputSink(WriteCallback? callback, object? userData, Stream? stream, string what)
    {
        _callback = callback;
        _userData = userData;
        _stream = stream;
        _what = what;
        _observer = (callback is null ? stream : userData) as IResponseHeadObserver;
    }

    /// <summary>Tells a body target that watches for it (<see cref="IResponseHeadObserver"/>) that the final response head is in.</summary>
    public void FinalResponseHead(bool bodyInHand)
    {
        if (_observer is null) return;
        try { _observer.FinalResponseHead(bodyInHand); }
        catch (Exception ex) { throw CurlException.FromCallback(_what, ex); }
    }

    /// <summary>The body sink: WriteFunction, else WriteData as a Stream, else stdout.</summary>
    public static OutputSink ForBody(WriteCallback? function, object? data) =>
        new(function, data, function is null ? data as Stream ?? StandardOutput.Value : null, "write");

    /// <summary>The header sink: HeaderFunction, else HeaderData as a Stream, else nothing (null).</summary>
    public static OutputSink? ForHeaders(WriteCallback? function, object? data, WriteCallback? writeFunction)
    {
        if (function is not null) return new(function, data, null, "header");
        if (data is Stream s) return new(null, null, s, "header");
        if (data is not null && writeFunction is not null) return new(writeFunction, data, null, "header"); // libcurl: header data with the write function
        return null;
    }

    /// <summary>Writes <paramref name="data"/>: asynchronously to a stream in an asynchronous transfer, inline otherwise.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, IoContext io)
    {
        if (_callback is null && !io.Synchronous && !data.IsEmpty) return WriteStreamAsync(data, io);
        Write(data.Span);
        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask WriteStreamAsync(ReadOnlyMemory<byte> data, IoContext io)
    {
        try { await _stream!.WriteAsync(data, io.Token).ConfigureAwait(false); }
        catch (OperationCanceledException ex) when (io.Token.IsCancellationRequested) { throw io.Interrupted(ex); }
        catch (Exception ex) { throw CurlException.FromStream(CurlCode.WriteError, "Failure writing output to destination", ex); }
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_callback is null)
        {
            try { _stream!.Write(data); }
            catch (Exception ex) { throw CurlException.FromStream(CurlCode.WriteError, "Failure writing output to destination", ex); }
            return;
        }
        long taken;
        try { taken = _callback(data, _userData); }
        catch (Exception ex) { throw CurlException.FromCallback(_what, ex); }
        if (taken != data.Length)
            throw new CurlException(CurlCode.WriteError, $"Failure writing output to destination, passed {data.Length} returned {taken}");
    }

    private static readonly Lazy<Stream> StandardOutput = new(Console.OpenStandardOutput);
}
