using System.Globalization;
using System.Text;

namespace Curlew.Cli.Trace;

/// <summary>
/// --trace and --trace-ascii in curl's layouts, fed by the library's debug callback. Each event starts with a line of
/// its own ("== Info: text", or "=> Send header, N bytes (0xN)" and the like, after a timestamp with --trace-time);
/// header and data events follow with a dump: 16 bytes a line in hex plus an ASCII column for --trace, 64 characters a
/// line for --trace-ascii, where CR LF ends a line and is not shown. Every line of a dump starts with its offset.
/// </summary>
internal sealed class TraceDump(Stream output, bool ascii, bool time)
{
    private readonly StringBuilder _text = new();

    public void Attach(CurlEasy easy)
    {
        easy.DebugFunction = Write;
        easy.SetOpt(CurlOption.Verbose, true);
    }

    private int Write(CurlInfoType type, ReadOnlySpan<byte> data, object? userdata)
    {
        string? title = type switch
        {
            CurlInfoType.HeaderOut => "=> Send header",
            CurlInfoType.DataOut => "=> Send data",
            CurlInfoType.SslDataOut => "=> Send SSL data",
            CurlInfoType.HeaderIn => "<= Recv header",
            CurlInfoType.DataIn => "<= Recv data",
            CurlInfoType.SslDataIn => "<= Recv SSL data",
            _ => null,
        };
        _text.Clear();
        if (time) _text.Append(TraceClock.Stamp());
        if (type == CurlInfoType.Text)
        {
            _text.Append("== Info: ").Append(Encoding.Latin1.GetString(data));
        }
        else if (title != null)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{title}, {data.Length} bytes (0x{data.Length:x})\n");
            Dump(data);
        }
        else return 0;   // an event type curl's tool does not show
        output.Write(Encoding.Latin1.GetBytes(_text.ToString()));
        output.Flush();
        return 0;
    }

    private void Dump(ReadOnlySpan<byte> data)
    {
        int width = ascii ? 0x40 : 0x10;
        for (int line = 0; line < data.Length; line += width)
        {
            _text.Append(CultureInfo.InvariantCulture, $"{line:x4}: ");
            if (!ascii)
            {
                for (int c = 0; c < width; c++)
                    _text.Append(line + c < data.Length ? data[line + c].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
            }
            for (int c = 0; c < width && line + c < data.Length; c++)
            {
                // --trace-ascii: a CR LF ends the line here; the next line starts after it.
                if (ascii && IsCrLf(data, line + c))
                {
                    line += c + 2 - width;
                    break;
                }
                byte b = data[line + c];
                _text.Append(b is >= 0x20 and < 0x80 ? (char)b : '.');
                // A CR LF right after the last character shown ends this line too, so a full line is not followed by
                // an empty one.
                if (ascii && IsCrLf(data, line + c + 1))
                {
                    line += c + 3 - width;
                    break;
                }
            }
            _text.Append('\n');
        }
    }

    private static bool IsCrLf(ReadOnlySpan<byte> data, int at) => at + 1 < data.Length && data[at] == '\r' && data[at + 1] == '\n';
}
