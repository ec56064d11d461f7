using System.Text;

namespace Curlew.Diagnostics;

/// <summary>
/// curl's <c>-v</c> style trace: "* " for what Curlew does, "> " for request header lines sent, "&lt; " for response
/// header lines received. Off unless <c>Verbose</c> is set; then it writes to standard error, like libcurl.
/// </summary>
internal sealed class VerboseLog(TextWriter? writer)
{
    public static readonly VerboseLog Off = new(null);

    public bool Enabled => writer is not null;

    public void Info(string text)
    {
        if (writer is null) return;
        lock (writer) writer.WriteLine("* " + text);
    }

    /// <summary>Logs each line of a request head.</summary>
    public void Sent(ReadOnlySpan<byte> head)
    {
        if (writer is null) return;
        var lines = Encoding.Latin1.GetString(head).TrimEnd('\r', '\n').Split("\r\n");
        lock (writer)
        {
            foreach (var line in lines) writer.WriteLine("> " + line);
            writer.WriteLine(">");
        }
    }

    /// <summary>Logs one response header line (the line end is dropped).</summary>
    public void Received(ReadOnlySpan<byte> line)
    {
        if (writer is null) return;
        var text = Encoding.Latin1.GetString(line).TrimEnd('\r', '\n');
        lock (writer) writer.WriteLine("< " + text);
    }
}
