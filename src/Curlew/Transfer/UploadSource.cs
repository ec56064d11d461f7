namespace Curlew.Transfer;

/// <summary>
/// The request body: fixed bytes (<c>PostFields</c>) or what the read callback (or a <see cref="Stream"/> given as
/// <c>ReadData</c>, or standard input, as libcurl) supplies. Knows its size when it can, and whether it can start over
/// for a redirect or a retry.
/// </summary>
internal sealed class UploadSource
{
    private readonly ReadOnlyMemory<byte> _fixed;
    private readonly ReadCallback? _callback;
    private readonly object? _userData;
    private readonly Stream? _stream;
    private readonly bool _isFixed;
    private int _fixedOffset;

    private UploadSource(ReadOnlyMemory<byte> fixedData, ReadCallback? callback, object? userData, Stream? stream, long size, bool isFixed)
    {
        _fixed = fixedData;
        _callback = callback;
        _userData = userData;
        _stream = stream;
        Size = size;
        _isFixed = isFixed;
    }

    /// <summary>Bytes to send, or -1 when unknown (HTTP then uses chunked encoding).</summary>
    public long Size { get; }

    /// <summary>Bytes handed out so far.</summary>
    public long Sent { get; private set; }

    public static UploadSource FromBytes(byte[] data, long declaredSize)
    {
        var length = declaredSize >= 0 ? Math.Min(declaredSize, data.Length) : data.Length;
        return new(data.AsMemory(0, (int)length), null, null, null, length, isFixed: true);
    }

    public static UploadSource FromReader(ReadCallback? callback, object? userData, long size) =>
        new(default, callback, userData, callback is null ? userData as Stream ?? Console.OpenStandardInput() : null, size, isFixed: false);

    /// <summary>Starts over from the first byte; false when that is impossible (a callback can't rewind).</summary>
    public bool TryRewind()
    {
        if (Sent == 0) return true;
        if (_isFixed) { _fixedOffset = 0; Sent = 0; return true; }
        if (_stream is { CanSeek: true }) { _stream.Position = 0; Sent = 0; return true; }
        return false;
    }

    /// <summary>Fills <paramref name="buffer"/>; returns 0 at the end.</summary>
    public int Read(Span<byte> buffer)
    {
        int n;
        if (_isFixed)
        {
            n = Math.Min(buffer.Length, _fixed.Length - _fixedOffset);
            _fixed.Span.Slice(_fixedOffset, n).CopyTo(buffer);
            _fixedOffset += n;
        }
        else if (_callback is null) n = ReadStream(buffer);
        else n = ReadCallbackChecked(buffer);
        Sent += n;
        return n;
    }

    private int ReadStream(Span<byte> buffer)
    {
        try { return _stream!.Read(buffer); }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
        {
            throw new CurlException(CurlCode.ReadError, $"Failed to read the upload data: {ex.Message}", ex);
        }
    }

    private int ReadCallbackChecked(Span<byte> buffer)
    {
        long n;
        try { n = _callback!(buffer, _userData); }
        catch (Exception ex) { throw CurlException.FromCallback("read", ex); }
        if (n == Curl.ReadFuncAbort) throw new CurlException(CurlCode.AbortedByCallback, "operation aborted by callback");
        if (n < 0 || n > buffer.Length) throw new CurlException(CurlCode.ReadError, $"read function returned funny value: {n}");
        return (int)n;
    }
}
