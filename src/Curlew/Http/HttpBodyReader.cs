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

    /// <summary>Body bytes received (after chunked decoding).</summary>
    public long Received { get; private set; }

    public ValueTask ReadAsync(HttpResponseHead head)
    {
        io.ResponseBytesReceived = 0;
        io.BytesExpected = -1;
        if (head.EndedByClose) return ValueTask.CompletedTask;   // the head never ended, so no body ever started
        _undecodable = head.UndecodableCoding;
        _chunked = head.Chunked;
        if (head.ContentLengthOverflow && maxFileSize > 0)
            throw new CurlException(CurlCode.FilesizeExceeded, "Exceeded the maximum allowed file size (" + maxFileSize + ") with an overflowing Content-Length");
        if (head.Chunked) return ReadChunkedAsync();
        if (head.ContentLength >= 0) return ReadLengthAsync(head.ContentLength);
        return ReadUntilCloseAsync();
    }

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
            Deliver(buffer.Data[..take]);
            buffer.Consume(take);
            left -= take;
        }
        while (left > 0)
        {
            var scratch = buffer.Scratch;
            if (scratch.Length > left) scratch = scratch[..(int)left];
            int n = await connection.Top.ReceiveAsync(scratch, io).ConfigureAwait(false);
            if (n == 0) throw new CurlException(CurlCode.PartialFile, $"transfer closed with {left} bytes remaining to read");
            Deliver(scratch.Span[..n]);
            left -= n;
        }
    }

    private async ValueTask ReadChunkedAsync()
    {
        var decoder = new ChunkedDecoder();
        var buffer = connection.Buffer;
        while (true)
        {
            while (buffer.Count > 0 && !decoder.IsDone)
            {
                int used = DecodeStep(decoder, buffer.Data);
                if (used == 0) break;   // a partial trailer line: need more bytes
                buffer.Consume(used);
            }
            if (decoder.IsDone) return;
            int n = await buffer.FillAsync(connection.Top, io, 64 * 1024).ConfigureAwait(false);
            if (n == 0) throw new CurlException(CurlCode.PartialFile, "transfer closed with outstanding read data remaining");
        }
    }

    // Separate from the async loop because spans cannot live across awaits.
    private int DecodeStep(ChunkedDecoder decoder, ReadOnlySpan<byte> input)
    {
        int used = decoder.Decode(input, out var data, out var trailer);
        if (!data.IsEmpty) Deliver(data);
        if (!trailer.IsEmpty) trailerSink?.Write(trailer);
        return used;
    }

    private async ValueTask ReadUntilCloseAsync()
    {
        var buffer = connection.Buffer;
        if (buffer.Count > 0)
        {
            Deliver(buffer.Data);
            buffer.Consume(buffer.Count);
        }
        while (true)
        {
            var scratch = buffer.Scratch;
            int n = await connection.Top.ReceiveAsync(scratch, io).ConfigureAwait(false);
            if (n == 0) return;
            Deliver(scratch.Span[..n]);
        }
    }

    private void Deliver(ReadOnlySpan<byte> data)
    {
        io.BytesReceived += data.Length;
        // libcurl counts plain bodies as they are read and chunked ones once a chunk's data is written on; the
        // difference shows when the write fails, as it does for a transfer coding that cannot be undone.
        if (!_chunked) Count(data.Length);
        if (_undecodable is not null)
            throw new CurlException(CurlCode.BadContentEncoding, $"Unrecognized transfer coding \"{_undecodable}\": Curlew undoes only chunked and identity");
        if (maxFileSize > 0 && Received + (_chunked ? data.Length : 0) > maxFileSize)
            throw new CurlException(CurlCode.FilesizeExceeded, "Exceeded the maximum allowed file size (" + maxFileSize + ")");
        sink?.Write(data);
        if (_chunked) Count(data.Length);
        lowSpeed.Check(io.BytesReceived + io.BytesSent);
        if (progress.IsActive)
        {
            progress.DownloadNow = Received;
            progress.Report();
        }
    }

    private void Count(int n)
    {
        Received += n;
        io.ResponseBytesReceived = Received;
        info.SizeDownload = Received;
    }
}
