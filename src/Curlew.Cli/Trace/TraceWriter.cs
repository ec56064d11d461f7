using System.Text;

namespace Curlew.Cli.Trace;

/// <summary>
/// -v in the curl tool's plain layout, fed by the library's debug callback: "* " before informational text, "> " and
/// "< " before each sent and received header line (kept as sent and received, CR LF included, as curl prints them),
/// and one "{ [N bytes data]" or "} [N bytes data]"
/// note after headers or text when the body does not go to a terminal; each line after a timestamp with --trace-time.
/// </summary>
internal sealed class TraceWriter(TextWriter stderr, bool showData, bool time = false)
{
    private bool _dataNoted;

    public void Attach(CurlEasy easy)
    {
        easy.DebugFunction = Write;
        easy.SetOpt(CurlOption.Verbose, true);
    }

    private int Write(CurlInfoType type, ReadOnlySpan<byte> data, object? userdata)
    {
        switch (type)
        {
            case CurlInfoType.Text: Lines("* ", data, keepCr: false); break;
            case CurlInfoType.HeaderOut: Lines("> ", data, keepCr: true); break;
            case CurlInfoType.HeaderIn: Lines("< ", data, keepCr: true); break;
            case CurlInfoType.DataIn or CurlInfoType.DataOut:
                if (showData && !_dataNoted)
                {
                    stderr.Write($"{Stamp()}{(type == CurlInfoType.DataIn ? '{' : '}')} [{data.Length} bytes data]\n");
                    _dataNoted = true;
                }
                return 0;
            default: return 0;
        }
        _dataNoted = false;
        return 0;
    }

    private string Stamp() => time ? TraceClock.Stamp() : "";

    private void Lines(string prefix, ReadOnlySpan<byte> data, bool keepCr)
    {
        string text = Encoding.Latin1.GetString(data);
        int start = 0;
        while (start < text.Length)
        {
            int end = text.IndexOf('\n', start);
            string line = end < 0 ? text[start..] : text[start..end];
            stderr.Write(Stamp() + prefix + (keepCr ? line : line.TrimEnd('\r')) + "\n");
            if (end < 0) break;
            start = end + 1;
        }
    }
}
