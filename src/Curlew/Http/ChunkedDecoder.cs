namespace Curlew.Http;

/// <summary>
/// Incremental decoder for chunked transfer coding (RFC 9112 §7.1). Fed whatever bytes have arrived, it hands back
/// one slice of body data at a time, pointing into the input (no copying), and trailer lines as they complete.
/// </summary>
internal sealed class ChunkedDecoder
{
    private enum State { Size, Extension, Data, DataEnd, TrailerLine, Done }

    private const int MaxLine = 16 * 1024;
    private State _state = State.Size;
    private long _chunkLeft;
    private int _sizeDigits;

    public bool IsDone => _state == State.Done;

    /// <summary>Starts over for the next chunked body (a reader keeps one decoder, so a chunked response allocates none).</summary>
    public ChunkedDecoder Reset()
    {
        _state = State.Size;
        _chunkLeft = 0;
        _sizeDigits = 0;
        return this;
    }

    /// <summary>
    /// Consumes bytes from <paramref name="input"/> until it yields a data slice, reaches the end, or runs out.
    /// Returns how many input bytes were used; <paramref name="data"/> is the body slice found (may be empty);
    /// <paramref name="trailerLine"/> is a complete trailer line (with its line end) when one ended here.
    /// </summary>
    public int Decode(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> data, out ReadOnlySpan<byte> trailerLine)
    {
        data = default;
        trailerLine = default;
        int i = 0;
        while (i < input.Length && _state != State.Done)
        {
            byte b = input[i];
            switch (_state)
            {
                case State.Size:
                    int digit = HexValue(b);
                    if (digit >= 0)
                    {
                        if (++_sizeDigits > 16 || (_sizeDigits == 16 && _chunkLeft > 0x07FF_FFFF_FFFF_FFFF)) throw Bad("chunk size too large");
                        _chunkLeft = _chunkLeft * 16 + digit;
                        i++;
                        break;
                    }
                    if (_sizeDigits == 0) throw Bad("Illegal or missing hexadecimal sequence");
                    _state = State.Extension;   // the size ends at the first non-hex byte, as in libcurl
                    break;
                case State.Extension:   // extensions, junk and CRs after the size are all ignored up to the LF (libcurl does)
                    i++;
                    if (b == '\n') EndOfSizeLine();
                    break;
                case State.Data:
                    int take = (int)Math.Min(_chunkLeft, input.Length - i);
                    data = input.Slice(i, take);
                    _chunkLeft -= take;
                    i += take;
                    if (_chunkLeft == 0) _state = State.DataEnd;
                    return i;
                case State.DataEnd:   // any number of CRs, then the LF that ends the chunk; anything else is an error
                    if (b == '\n') _state = State.Size;
                    else if (b != '\r') throw Bad("Malformed encoding found");
                    i++;
                    break;
                case State.TrailerLine:
                    int lf = input[i..].IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        // wait for the rest of the line; the caller keeps the unconsumed bytes
                        if (input.Length - i > MaxLine) throw Bad("trailer line too long");
                        return i;
                    }
                    var line = input.Slice(i, lf + 1);
                    i += lf + 1;
                    bool blank = line.Length == 1 || (line.Length == 2 && line[0] == '\r');
                    if (blank) { _state = State.Done; return i; }
                    trailerLine = line;
                    return i;
            }
        }
        return i;
    }

    private void EndOfSizeLine()
    {
        _sizeDigits = 0;
        if (_chunkLeft == 0) _state = State.TrailerLine;
        else _state = State.Data;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static CurlException Bad(string what) => new(CurlCode.RecvError, $"{what} in chunked-encoding");
}
