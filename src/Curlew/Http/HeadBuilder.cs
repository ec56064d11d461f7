using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Curlew.Http;

/// <summary>Writes a request head straight into a pooled byte array (UTF-8), growing it when needed; no strings in between.</summary>
internal sealed class HeadBuilder
{
    private const int FirstSize = 1024;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(FirstSize);
    private int _length;

    /// <summary>Starts a new head in this builder (kept by an exchange, so a request allocates no builder).</summary>
    public HeadBuilder Begin()
    {
        _length = 0;
        if (_buffer.Length == 0) _buffer = ArrayPool<byte>.Shared.Rent(FirstSize);
        return this;
    }

    public HeadBuilder Append(string text)
    {
        Ensure(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
        return this;
    }

    public HeadBuilder Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    public HeadBuilder Append(long value)
    {
        Ensure(20);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written);
        _length += written;
        return this;
    }

    /// <summary>Appends <paramref name="value"/> in lower-case hex (a chunk size).</summary>
    public HeadBuilder AppendHex(long value)
    {
        Ensure(16);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int written, new StandardFormat('x'));
        _length += written;
        return this;
    }

    /// <summary>Room for <paramref name="count"/> more bytes, to fill and then <see cref="Advance"/> over.</summary>
    public Span<byte> Reserve(int count)
    {
        Ensure(count);
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    public int Length => _length;

    public HeadBuilder Line(string name, string value) => Append(name).Append(": "u8).Append(value).Append("\r\n"u8);

    /// <summary>Hands over the array (the caller returns it to the pool) and the length written.</summary>
    public (byte[] Buffer, int Length) Detach()
    {
        var result = (_buffer, _length);
        _buffer = [];
        _length = 0;
        return result;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
