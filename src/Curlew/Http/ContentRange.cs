namespace Curlew.Http;

/// <summary>The first byte position of a <c>Content-Range</c> reply header, which is all a resumed download checks.</summary>
internal static class ContentRange
{
    /// <summary>Said when the range is <c>*</c> (the server sends the whole resource, not a part).</summary>
    public const long Unsatisfied = -1;

    /// <summary>
    /// The start of the range: the first number in the value, whatever unit or separator comes before it (curl is that
    /// lenient too), <see cref="Unsatisfied"/> for <c>*</c>, or <c>null</c> when there is no number at all.
    /// </summary>
    public static long? ParseStart(ReadOnlySpan<byte> value)
    {
        int i = 0;
        while (i < value.Length && !IsDigit(value[i]) && value[i] != (byte)'*') i++;
        if (i == value.Length) return null;
        if (value[i] == (byte)'*') return Unsatisfied;
        long start = 0;
        for (; i < value.Length && IsDigit(value[i]); i++)
        {
            if (start > (long.MaxValue - 9) / 10) return null;   // no real range starts beyond 2^63
            start = start * 10 + (value[i] - '0');
        }
        return start;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';
}
