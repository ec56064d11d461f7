namespace Curlew.Cli.Output;

/// <summary>
/// curl's guard against binary bodies on a terminal: while the body goes to a terminal (not asked for with "-o -")
/// and fewer than 2000 bytes of it were written, a piece holding a zero byte stops the transfer (curl then warns and
/// exits with 23). Past the first 2000 bytes curl no longer looks, and neither does this.
/// </summary>
internal sealed class BinaryToTerminal(bool watching)
{
    private const long LooksAtFirst = 2000;
    private long _written;

    public bool Refuses(ReadOnlySpan<byte> piece)
    {
        if (!watching) return false;
        if (_written < LooksAtFirst && piece.IndexOf((byte)0) >= 0) return true;
        _written += piece.Length;
        return false;
    }
}
