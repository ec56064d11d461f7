using Curlew.Async;
using System.Buffers;
using System.Runtime.CompilerServices;
using Curlew.Protocols;
using Curlew.Connect;
using Curlew.Transfer;

namespace Curlew.Http;

/// <summary>
/// Reads a response body framed by Content-Length, chunked coding, or the connection closing, and hands it to the
/// body sink straight from the connection's buffer (no copies, no per-chunk allocations). Bytes received are counted
/// into SizeDownloadT as they arrive, so a transfer that fails mid-body still reports what came, as libcurl does.
/// </summary>
internal sealed class HttpBodyReader(Connection connection, IoContext io, OutputSink? sink, OutputSink? trailerSink, ProgressMeter progress,
    LowSpeedGuard lowSpeed, long maxFileSize, TransferInfo info)
{
    private string? _undecodable;
    private bool _chunked;
    private long _uncounted;   // chunked data delivered from the current receive, counted once it all decoded
    private ChunkedDecoder? _decoder;

    /// <summary>
    /// Readies this reader for the next body (a handler keeps one for all its responses, one at a time, so a
    /// keep-alive request allocates none): where it comes from, where it goes, the size limit; counts from zero.
    /// </summary>
    public HttpBodyReader Begin(Connection next, OutputSink? nextSink, OutputSink? nextTrailerSink, long nextMaxFileSize)
    {
        (connection, sink, trailerSink, maxFileSize) = (next, nextSink, nextTrailerSink, nextMaxFileSize);
        _undecodable = null;
        _chunked = false;
        _uncounted = 0;
        Received = 0;
        return this;
    }

    /// <summary>Body bytes received (after chunked decoding).</summary>
    public long Received { get; private set; }

    public ValueTask ReadAsync(HttpResponseHead head)
    {
        io.ResponseBytesReceived = 0;
        io.BytesExpected = -1;
        if (head.EndedByClose) return EndedInHead(head);
        _undecodable = head.UndecodableCoding;
        _chunked = head.Chunked;
        if (head.ContentLengthOverflow && maxFileSize > 0)
            throw new CurlException(CurlCode.FilesizeExceeded, "Exceeded the maximum allowed file size (" + maxFileSize + ") with an overflowing Content-Length");
        if (head.Chunked) return ReadChunkedAsync();
        if (head.ContentLength >= 0) return ReadLengthAsync(head.ContentLength);
        return ReadUntilCloseAsync();
    }

    // The head never ended, so no body ever started; libcurl still holds the close against a promised length.
    private static ValueTask EndedInHead(HttpResponseHead head)
    {
        if (head.Chunked) throw new CurlException(CurlCode.PartialFile, "transfer closed with outstanding read data remaining");
        if (head.ContentLength > 0) throw new CurlException(CurlCode.PartialFile, $"transfer closed with {head.ContentLength} bytes remaining to read");
        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask ReadLengthAsync(long length)
    {
        io.BytesExpected = length;
        if (maxFileSize > 0 && length > maxFileSize)
            throw new CurlException(CurlCode.FilesizeExceeded, "Exceeded the maximum allowed file size (" + maxFileSize + ")");
        var buffer = connection.Buffer;
        long left = length;
        if (buffer.Count > 0 && left > 0)
        {
            int take = (int)Math.Min(left, buffer.Count);
            await DeliverAsync(buffer.DataMemory[..take]).ConfigureAwait(false);
            buffer.Consume(take);
            left -= take;
        }
        // A long body is read more at once than the connection's buffer holds (fewer receives and wake-ups; see
        // BulkReadBytes) and handed on in pieces no larger than that buffer, as BufferSize promises.
        byte[]? bulk = left >= 2L * ConnectionFilter.BulkReadBytes && buffer.Capacity < ConnectionFilter.BulkReadBytes
            ? ArrayPool<byte>.Shared.Rent(ConnectionFilter.BulkReadBytes) : null;
        try
        {
            while (left > 0)
            {
                connection.Top.ExpectBytes(left, io);
                var scratch = bulk is not null ? bulk.AsMemory(0, ConnectionFilter.BulkReadBytes) : buffer.Scratch;
                if (scratch.Length > left) scratch = scratch[..(int)left];
                int n = await connection.Top.ReceiveAsync(scratch, io).ConfigureAwait(false);
                if (n == 0) throw new CurlException(CurlCode.PartialFile, $"transfer closed with {left} bytes remaining to read");
                for (int at = 0; at < n; at += buffer.Capacity)
                    await DeliverAsync(scratch.Slice(at, Math.Min(buffer.Capacity, n - at))).ConfigureAwait(false);
                left -= n;
            }
        }
        finally
        {
            connection.Top.ExpectBytes(0, io);
            if (bulk is not null) ArrayPool<byte>.Shared.Return(bulk);
        }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask ReadChunkedAsync()
    {
        var decoder = _decoder?.Reset() ?? (_decoder = new ChunkedDecoder());
        var buffer = connection.Buffer;
        // libcurl reports a chunked body to the debug callback as received, size lines and all, one report per read;
        // the sink gets the decoded data. What the head's read brought along is the first report.
        io.Events.DataIn(buffer.Data);
        while (true)
        {
            while (buffer.Count > 0 && !decoder.IsDone)
            {
                var input = buffer.DataMemory;
                int used = DecodeStep(decoder, input, out var data);
                if (!data.IsEmpty) await DeliverAsync(data).ConfigureAwait(false);
                if (used == 0) break;   // a partial trailer line: need more bytes
                buffer.Consume(used);
            }
            Count(_uncounted);   // what one receive decoded without error counts, as libcurl counts it
            _uncounted = 0;
            if (decoder.IsDone) return;
            int n = await buffer.FillAsync(connection.Top, io, 64 * 1024).ConfigureAwait(false);
            if (n == 0) throw new CurlException(CurlCode.PartialFile, "transfer closed with outstanding read data remaining");
            io.Events.DataIn(buffer.Data[^n..]);
        }
    }

    // Separate from the async loop because spans cannot live across awaits: the decoded data (a slice of the input)
    // comes back as memory, for the sink's asynchronous write.
    private int DecodeStep(ChunkedDecoder decoder, ReadOnlyMemory<byte> input, out ReadOnlyMemory<byte> data)
    {
        var span = input.Span;
        int used = decoder.Decode(span, out var decoded, out var trailer);
        data = decoded.IsEmpty || !span.Overlaps(decoded, out int offset) ? default : input.Slice(offset, decoded.Length);
        if (!trailer.IsEmpty) trailerSink?.Write(trailer);
        return used;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask ReadUntilCloseAsync()
    {
        var buffer = connection.Buffer;
        if (buffer.Count > 0)
        {
            await DeliverAsync(buffer.DataMemory).ConfigureAwait(false);
            buffer.Consume(buffer.Count);
        }
        while (true)
        {
            var scratch = buffer.Scratch;
            int n = await connection.Top.ReceiveAsync(scratch, io).ConfigureAwait(false);
            if (n == 0) return;
            await DeliverAsync(scratch[..n]).ConfigureAwait(false);
        }
    }

    // Completes inline unless an asynchronous transfer writes to a stream.
    private ValueTask DeliverAsync(ReadOnlyMemory<byte> data)
    {
        Account(data.Length);
        if (!_chunked) io.Events.DataIn(data.Span);   // chunked bodies were reported raw, as read
        if (sink is null) { AfterDelivery(); return ValueTask.CompletedTask; }
        var write = sink.WriteAsync(data, io);
        if (!write.IsCompletedSuccessfully) return AfterDeliveryAsync(write);
        write.GetAwaiter().GetResult();
        AfterDelivery();
        return ValueTask.CompletedTask;
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask AfterDeliveryAsync(ValueTask write)
    {
        await write.ConfigureAwait(false);
        AfterDelivery();
    }

    private void Account(int length)
    {
        io.BytesReceived += length;
        // libcurl counts plain bodies as they are read, before they are written on, and chunked ones only once a whole
        // receive has decoded without error; the difference shows when a write or the decoding fails.
        if (_chunked) _uncounted += length;
        else Count(length);
        if (_undecodable is not null)
            throw new CurlException(CurlCode.BadContentEncoding, $"Unrecognized transfer coding \"{_undecodable}\": Curlew undoes only chunked and identity");
        if (maxFileSize > 0 && Received + _uncounted > maxFileSize)
            throw new CurlException(CurlCode.FilesizeExceeded, "Exceeded the maximum allowed file size (" + maxFileSize + ")");
    }

    private void AfterDelivery()
    {
        lowSpeed.Check(io.BytesReceived + io.BytesSent);
        if (progress.IsActive)
        {
            progress.DownloadNow = Received + _uncounted;
            progress.Report();
        }
    }

    private void Count(long n)
    {
        Received += n;
        io.ResponseBytesReceived = Received;
        info.SizeDownload = Received;
    }
}
