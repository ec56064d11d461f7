using Curlew.Connect;

namespace Curlew.Bench;

/// <summary>A top filter that serves the same bytes again on every read (a response replayed from memory): the parsers run without a socket.</summary>
internal sealed class ReplayFilter(byte[] response) : ConnectionFilter(null)
{
    private int _at;

    /// <summary>Starts the replay over.</summary>
    public void Rewind() => _at = 0;

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
    {
        int n = Math.Min(buffer.Length, response.Length - _at);
        response.AsSpan(_at, n).CopyTo(buffer.Span);
        _at += n;
        return new ValueTask<int>(n);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io) => ValueTask.CompletedTask;
}
