using Curlew.Async;
using System.Runtime.CompilerServices;
using Curlew.Connect;

namespace Curlew.Protocols;

/// <summary>
/// The request body: fixed bytes (<c>PostFields</c>) or what the read callback (or a <see cref="Stream"/> given as
/// <c>ReadData</c>, or standard input, as libcurl) supplies. Knows its size when it can, and whether it can start over
/// for a redirect or a retry.
/// </summary>
internal sealed class UploadSource
{
    /// <summary>What a read callback returns to abort (libcurl's CURL_READFUNC_ABORT); public as <see cref="Curl.ReadFuncAbort"/>.</summary>
    public const long AbortAnswer = 0x10000000;

    private readonly ReadOnlyMemory<byte> _fixed;
    private readonly ReadCallback? _callback;
    private readonly object? _userData;
    private readonly Stream? _stream;
    private readonly bool _isFixed;
    private readonly long _declaredSize;
    private int _fixedOffset;
    private long _skipped;   // bytes passed over for an upload resume; a rewind comes back to here, not to 0

    private UploadSource(ReadOnlyMemory<byte> fixedData, ReadCallback? callback, object? userData, Stream? stream, long size, bool isFixed)
    {
        _fixed = fixedData;
        _callback = callback;
        _userData = userData;
        _stream = stream;
        _declaredSize = size;
        _isFixed = isFixed;
    }

    /// <summary>Bytes to send (after any skipped prefix), or -1 when unknown (HTTP then uses chunked encoding).</summary>
    public long Size => _declaredSize < 0 ? -1 : _declaredSize - _skipped;

    /// <summary>Fixed bytes (<c>PostFields</c>): small enough ones go out in the same send as the request head.</summary>
    public bool IsFixed => _isFixed;

    /// <summary>Bytes handed out so far.</summary>
    public long Sent { get; private set; }

    public static UploadSource FromBytes(byte[] data, long declaredSize)
    {
        var length = declaredSize >= 0 ? Math.Min(declaredSize, data.Length) : data.Length;
        return new(data.AsMemory(0, (int)length), null, null, null, length, isFixed: true);
    }

    public static UploadSource FromReader(ReadCallback? callback, object? userData, long size) =>
        new(default, callback, userData, callback is null ? userData as Stream ?? Console.OpenStandardInput() : null, size, isFixed: false);

    /// <summary>
    /// Fixed bytes only: back to the state just after <see cref="FromBytes"/> (nothing sent or skipped), so the next
    /// perform of an unchanged handle sends them again without a new source.
    /// </summary>
    public void RestartFixed()
    {
        if (!_isFixed) throw new InvalidOperationException("Only fixed bytes can start over as new");
        _fixedOffset = 0;
        _skipped = 0;
        Sent = 0;
    }

    /// <summary>Starts over from the first byte; false when that is impossible (a callback can't rewind).</summary>
    public bool TryRewind()
    {
        if (Sent == 0) return true;
        if (_isFixed) { _fixedOffset = (int)_skipped; Sent = 0; return true; }
        try
        {
            if (_stream is not { CanSeek: true }) return false;
            _stream.Position = _skipped;
        }
        catch (Exception ex)
        {
            // A stream that fails to seek is a rewind that was not possible (libcurl's seek callback failing), and what
            // it threw is kept for the caller, as for every other stream failure.
            throw CurlException.FromStream(CurlCode.SendFailRewind, "necessary data rewind wasn't possible", ex);
        }
        Sent = 0;
        return true;
    }

    /// <summary>
    /// Passes over the first <paramref name="count"/> bytes (an upload resume): seeks a seekable stream, else reads
    /// and discards, asking for at most 16 KiB at a time as libcurl does. Fails when the source ends first.
    /// </summary>
    public void SkipPrefix(long count)
    {
        if (count <= 0 || _skipped > 0) return;
        if (_isFixed)
        {
            _fixedOffset = (int)Math.Min(count, _fixed.Length);
        }
        else if (_stream is { CanSeek: true })
        {
            try { _stream.Seek(count, SeekOrigin.Current); }
            catch (Exception ex) { throw CurlException.FromStream(CurlCode.ReadError, "Failed to skip the upload data", ex); }
        }
        else
        {
            var scratch = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                for (long passed = 0; passed < count;)
                {
                    int ask = (int)Math.Min(16 * 1024, count - passed);
                    int n = _callback is null ? ReadStream(scratch.AsSpan(0, ask)) : ReadCallbackRaw(scratch.AsSpan(0, ask));
                    if (n <= 0 || n > ask)
                        throw new CurlException(CurlCode.ReadError, $"Could only read {passed + Math.Max(n, 0)} bytes from the input");
                    passed += n;
                }
            }
            finally { System.Buffers.ArrayPool<byte>.Shared.Return(scratch); }
        }
        _skipped = count;
        if (_declaredSize >= 0 && Size <= 0)
            throw new CurlException(CurlCode.PartialFile, "File already completely uploaded");
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

    /// <summary>
    /// Like <see cref="Read"/>, but an asynchronous transfer reads a stream with
    /// <see cref="Stream.ReadAsync(Memory{byte}, CancellationToken)"/>; everything else completes inline.
    /// </summary>
    public ValueTask<int> ReadAsync(Memory<byte> buffer, IoContext io)
    {
        if (_isFixed || _callback is not null || io.Synchronous) return ValueTask.FromResult(Read(buffer.Span));
        return ReadStreamAsync(buffer, io);
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled: a state machine per request or chunk would be an allocation
    private async ValueTask<int> ReadStreamAsync(Memory<byte> buffer, IoContext io)
    {
        int n;
        try { n = await _stream!.ReadAsync(buffer, io.Token).ConfigureAwait(false); }
        catch (OperationCanceledException ex) when (io.Token.IsCancellationRequested) { throw io.Interrupted(ex); }
        catch (Exception ex) { throw CurlException.FromStream(CurlCode.ReadError, "Failed to read the upload data", ex); }
        n = CheckStreamCount(n, buffer.Length);
        Sent += n;
        return n;
    }

    // Anything the stream throws (cancellation included: only the caller's token may cancel) is a read error.
    private int ReadStream(Span<byte> buffer)
    {
        int n;
        try { n = _stream!.Read(buffer); }
        catch (Exception ex) { throw CurlException.FromStream(CurlCode.ReadError, "Failed to read the upload data", ex); }
        return CheckStreamCount(n, buffer.Length);
    }

    private static int CheckStreamCount(int n, int room) =>
        n < 0 || n > room ? throw new CurlException(CurlCode.ReadError, $"The upload stream's Read returned {n} for a buffer of {room} bytes") : n;

    private int ReadCallbackChecked(Span<byte> buffer)
    {
        long n = ReadCallbackRaw(buffer);
        if (n == ReadFuncPause)
            throw new CurlException(CurlCode.ReadError, "Pausing the upload from the read callback is not supported");
        if (n < 0 || n > buffer.Length) throw new CurlException(CurlCode.ReadError, $"read function returned funny value: {n}");
        return (int)n;
    }

    // The callback's own answer; only abort is handled here, range checks are the caller's.
    private int ReadCallbackRaw(Span<byte> buffer)
    {
        long n;
        try { n = _callback!(buffer, _userData); }
        catch (Exception ex) { throw CurlException.FromCallback("read", ex); }
        if (n == AbortAnswer) throw new CurlException(CurlCode.AbortedByCallback, "operation aborted by callback");
        return (int)Math.Clamp(n, int.MinValue, int.MaxValue);
    }

    private const long ReadFuncPause = 0x10000001;   // CURL_READFUNC_PAUSE
}
