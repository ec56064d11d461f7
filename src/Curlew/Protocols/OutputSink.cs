namespace Curlew.Protocols;

/// <summary>
/// Where received bytes go: the user's write callback, else a <see cref="Stream"/> given as data, else standard output
/// (libcurl's default). A callback that takes fewer bytes than offered fails the transfer with <see cref="CurlCode.WriteError"/>.
/// </summary>
internal sealed class OutputSink
{
    private readonly WriteCallback? _callback;
    private readonly object? _userData;
    private readonly Stream? _stream;
    private readonly string _what;

    private OutputSink(WriteCallback? callback, object? userData, Stream? stream, string what)
    {
        _callback = callback;
        _userData = userData;
        _stream = stream;
        _what = what;
    }

    /// <summary>The body sink: WriteFunction, else WriteData as a Stream, else stdout.</summary>
    public static OutputSink ForBody(WriteCallback? function, object? data) =>
        new(function, data, function is null ? data as Stream ?? StandardOutput.Value : null, "write");

    /// <summary>The header sink: HeaderFunction, else HeaderData as a Stream, else nothing (null).</summary>
    public static OutputSink? ForHeaders(WriteCallback? function, object? data, WriteCallback? writeFunction)
    {
        if (function is not null) return new(function, data, null, "header");
        if (data is Stream s) return new(null, null, s, "header");
        if (data is not null && writeFunction is not null) return new(writeFunction, data, null, "header"); // libcurl: header data with the write function
        return null;
    }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty) return;
        if (_callback is null)
        {
            try { _stream!.Write(data); }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or NotSupportedException)
            {
                throw new CurlException(CurlCode.WriteError, $"Failure writing output to destination: {ex.Message}", ex);
            }
            return;
        }
        long taken;
        try { taken = _callback(data, _userData); }
        catch (Exception ex) { throw CurlException.FromCallback(_what, ex); }
        if (taken != data.Length)
            throw new CurlException(CurlCode.WriteError, $"Failure writing output to destination, passed {data.Length} returned {taken}");
    }

    private static readonly Lazy<Stream> StandardOutput = new(Console.OpenStandardOutput);
}
