namespace Curlew;

/// <summary>Checks a number against an option's rule; may normalise it in place (a clamp, a mask). Returns the verdict.</summary>
internal delegate OptionVerdict LongRule(ref long value);

/// <summary>
/// The number rules of libcurl 7.88's setopt, as observed through <c>curl_easy_setopt</c> (the differential SetOpt suite
/// compares every verdict): ranges, clamps, masks and the few options with their own shape.
/// </summary>
internal static class OptionRules
{
    /// <summary>Any value is taken as it is.</summary>
    public static readonly LongRule Any = (ref long _) => OptionVerdict.Ok;

    public static LongRule Range(long min, long max) => (ref long v) =>
        v >= min && v <= max ? OptionVerdict.Ok : OptionVerdict.Range($"{v} is out of range ({Describe(min, max)})");

    public static LongRule AtLeast(long min) => Range(min, long.MaxValue);

    /// <summary>A range check, then a mask: libcurl keeps only the bits it knows (CURLOPT_POSTREDIR).</summary>
    public static LongRule RangeThenMask(long min, long mask) => (ref long v) =>
    {
        var verdict = AtLeast(min)(ref v);
        if (verdict.Accepted) v &= mask;
        return verdict;
    };

    /// <summary>
    /// Whole seconds stored as milliseconds: libcurl refuses what would overflow an int of milliseconds.
    /// </summary>
    public static readonly LongRule SecondsToMs = (ref long v) =>
    {
        if (v < 0 || v > int.MaxValue / 1000) return OptionVerdict.Range($"{v} is out of range (0 to {int.MaxValue / 1000} seconds)");
        v *= 1000;
        return OptionVerdict.Ok;
    };

    /// <summary>libcurl reads these as unsigned and caps them at UINT_MAX: -1 is accepted and means about 49.7 days.</summary>
    public static readonly LongRule UnsignedMs = (ref long v) =>
    {
        if (v is < 0 or > uint.MaxValue) v = uint.MaxValue;
        return OptionVerdict.Ok;
    };

    /// <summary>libcurl never refuses a buffer size: above 512 KiB it takes 512 KiB, below 1 its 16 KiB default, else at least 1 KiB.</summary>
    public static readonly LongRule BufferSize = (ref long v) =>
    {
        v = v switch { > 512 * 1024 => 512 * 1024, < 1 => 16 * 1024, < 1024 => 1024, _ => v };
        return OptionVerdict.Ok;
    };

    /// <summary>
    /// CURL_HTTP_VERSION_*: 0-5 are the versions libcurl 7.88 knows without HTTP/3 (Curlew speaks HTTP/1.1 for all but
    /// 1.0); HTTP/3 (30, 31) and anything else larger is "unsupported protocol", negatives a bad argument.
    /// </summary>
    public static readonly LongRule HttpVersion = (ref long v) => v switch
    {
        < 0 => OptionVerdict.Range($"{v} is out of range (0 to 5)"),
        > 5 => OptionVerdict.Range($"{v} is not an HTTP version Curlew supports (0 to 5)", CurlCode.UnsupportedProtocol),
        _ => OptionVerdict.Ok,
    };

    /// <summary>
    /// CURL_SSLVERSION_*: the low 16 bits are the minimum (0 default, 1 TLSv1, 4-7 TLS 1.0-1.3; SSLv2 and SSLv3 are
    /// refused), bits 16-31 the maximum (0 none, CURL_SSLVERSION_MAX_DEFAULT up to MAX_TLSv1_3); bits above 31 are
    /// ignored, as libcurl reads only those 32.
    /// </summary>
    public static readonly LongRule SslVersion = (ref long v) =>
    {
        long min = v & 0xFFFF, max = v & 0xFFFF0000L;
        if (min is not (0 or 1 or (>= 4 and <= 7)))
            return OptionVerdict.Range($"{v}: minimum TLS version {min} is not one Curlew knows (0, 1 or 4 to 7; SSLv2/SSLv3 are refused)");
        if (max > 7L << 16)
            return OptionVerdict.Range($"{v}: maximum TLS version 0x{max:x} is not one Curlew knows (0 or 0x10000 to 0x70000)");
        v = min | max;
        return OptionVerdict.Ok;
    };

    /// <summary>A range check, then 0 (libcurl's "default") stored as the value it stands for.</summary>
    public static LongRule RangeWithDefault(long min, long max, long whenZero) => (ref long v) =>
    {
        var verdict = Range(min, max)(ref v);
        if (verdict.Accepted && v == 0) v = whenZero;
        return verdict;
    };

    /// <summary>Unsigned milliseconds where 0 means libcurl's default (CURLOPT_ACCEPTTIMEOUT_MS: 60 s).</summary>
    public static LongRule UnsignedMsWithDefault(long whenZero) => (ref long v) =>
    {
        UnsignedMs(ref v);
        if (v == 0) v = whenZero;
        return OptionVerdict.Ok;
    };

    private static string Describe(long min, long max) =>
        max == long.MaxValue ? $"{min} or more" : $"{min} to {max}";
}
