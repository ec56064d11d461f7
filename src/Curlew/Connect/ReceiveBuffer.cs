using Curlew.Async;
using System.Buffers;
using System.Runtime.CompilerServices;

namespace Curlew.Connect;

/// <summary>
/// A connection's pooled read-ahead buffer: protocol parsers look at <see cref="Data"/>, consume what they used,
/// and ask for more. Bytes left over from one response stay for the next reader of the same connection.
/// </summary>
internal sealed class ReceiveBuffer(int size)
{
    private byte[]? _array = ArrayPool<byte>.Shared.Rent(size);
    private int _start, _end;

    public ReadOnlySpan<byte> Data => Array.AsSpan(_start, _end - _start);
    public ReadOnlyMemory<byte> DataMemory => Array.AsMemory(_start, _end - _start);
    public int Count => _end - _start;

    /// <summary>Bytes ever read into this buffer (body bytes read past it are not counted).</summary>
    public long TotalFilled { get; private set; }
    public int Capacity => Array.Length;

    private byte[] Array => _array ?? throw new ObjectDisposedException(nameof(ReceiveBuffer));

    public void Consume(int count)
    {
        _start += count;
        if (_start == _end) _start = _end = 0;
    }

    /// <summary>Reads once from <paramref name="source"/> into the free space (compacting or growing first when full). Returns bytes read; 0 = peer closed.</summary>
    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]
    public async ValueTask<int> FillAsync(ConnectionFilter source, IoContext io, int maxCapacity)
    {
        if (_end == Array.Length)
        {
            if (_start > 0) Compact();
            else if (Array.Length < maxCapacity) Grow(Math.Min(maxCapacity, Array.Length * 2));
            else throw new InvalidOperationException("receive buffer full");
        }
        int n = await source.ReceiveAsync(Array.AsMemory(_end), io).ConfigureAwait(false);
        _end += n;
        TotalFilled += n;
        return n;
    }

    /// <summary>The whole array as a scratch area when nothing is buffered (zero-copy body reads).</summary>
    public Memory<byte> Scratch => Count == 0 ? Array.AsMemory() : throw new InvalidOperationException("buffer not empty");

    private void Compact()
    {
        Array.AsSpan(_start, _end - _start).CopyTo(Array);
        _end -= _start;
        _start = 0;
    }

    private void Grow(int newSize)
    {
        var bigger = ArrayPool<byte>.Shared.Rent(newSize);
        Array.AsSpan(_start, _end - _start).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(Array);
        _array = bigger;
        _end -= _start;
        _start = 0;
    }

    public void Release()
    {
        var a = Interlocked.Exchange(ref _array, null);
        if (a is not null) ArrayPool<byte>.Shared.Return(a);
    }
}
