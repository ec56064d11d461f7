namespace Curlew.Ftp;

/// <summary>
/// ASCII-mode downloads (listings, <c>;type=a</c>) with CRLF turned into LF, as libcurl delivers them on Unix-like
/// systems. A CR is held back until the next byte shows whether an LF follows, across chunk boundaries too.
/// </summary>
internal sealed class AsciiLineEnds
{
    private bool _heldCr;

    /// <summary>Converts <paramref name="input"/> into <paramref name="output"/> (at least one byte longer); returns the bytes written.</summary>
    public int Convert(ReadOnlySpan<byte> input, Span<byte> output)
    {
        int written = 0;
        foreach (byte b in input)
        {
            if (_heldCr)
            {
                _heldCr = false;
                if (b != (byte)'\n') output[written++] = (byte)'\r';
            }
            if (b == (byte)'\r') { _heldCr = true; continue; }
            output[written++] = b;
        }
        return written;
    }

    /// <summary>At the end of the data: whether a CR is still held back (it had no LF after it and is delivered as is).</summary>
    public bool Finish()
    {
        bool held = _heldCr;
        _heldCr = false;
        return held;
    }
}
