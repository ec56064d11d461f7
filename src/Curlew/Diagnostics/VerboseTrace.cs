using System.Text;

namespace Curlew.Diagnostics;

/// <summary>
/// curl's <c>-v</c> style trace, one consumer of <see cref="TransferEvents"/>: "* " for what Curlew does, "> " for request header lines sent, "&lt; " for response
/// header lines received. Used when <c>Verbose</c> is set and no debug callback is; it writes to <c>Stderr</c> (standard
/// error by default), like libcurl.
/// </summary>
/// <remarks>
/// The trace is written from the middle of Curlew's bookkeeping (a connection just taken from the cache, a socket just
/// connected). A writer that throws (a closed pipe, a disposed stream) must not leak that connection or fail the
/// transfer, so a failed write is dropped, as libcurl ignores errors writing its trace.
/// </remarks>
internal sealed class VerboseTrace(TextWriter writer)
{
    public void Info(string text)
    {
        Write(static (w, t) => w.WriteLine("* " + t), text);
    }

    /// <summary>Logs each line of a request head.</summary>
    public void Sent(ReadOnlySpan<byte> head)
    {
        var lines = Encoding.Latin1.GetString(head).TrimEnd('\r', '\n').Split("\r\n");
        Write(static (w, ls) =>
        {
            foreach (var line in ls) w.WriteLine("> " + line);
            w.WriteLine(">");
        }, lines);
    }

    /// <summary>Logs one response header line (the line end is dropped).</summary>
    public void Received(ReadOnlySpan<byte> line)
    {
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r', '\n');
        Write(static (w, t) => w.WriteLine("< " + t), text);
    }

    private void Write<T>(Action<TextWriter, T> write, T state)
    {
        var w = writer;
        try
        {
            lock (w) write(w, state);
        }
        catch (Exception) { }   // see remarks: the trace never changes a transfer
    }
}
