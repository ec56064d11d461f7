namespace Curlew.Connect;

/// <summary>
/// How a <see cref="CurlException"/> from a lower filter crosses a Stream-based layer: an <see cref="IOException"/>
/// (which SslStream and friends pass on, where they would wrap anything else) carrying the original as its inner
/// exception, so its <see cref="CurlCode"/> and message survive.
/// </summary>
internal sealed class FilterStreamException(CurlException original) : IOException(original.Message, original)
{
    public CurlException Original { get; } = original;

    /// <summary>
    /// The <see cref="CurlException"/> behind <paramref name="thrown"/>, however deeply a Stream layer wrapped it
    /// (IOException, AuthenticationException, AggregateException...); null when none is inside.
    /// </summary>
    public static CurlException? Unwrap(Exception thrown)
    {
        for (var e = thrown; e is not null; e = e.InnerException)
        {
            if (e is CurlException curl) return curl;
            if (e is FilterStreamException crossing) return crossing.Original;
        }
        return null;
    }
}
