using System.Globalization;

namespace Curlew.Cli.Args;

/// <summary>
/// curl's readings of numeric arguments and its two complaints: text that is not a number is "proper", a negative
/// number where only positive ones make sense is "positive".
/// </summary>
internal static class NumberArgument
{
    public const string NotProper = "expected a proper numerical parameter";
    public const string NotPositive = "expected a positive numerical parameter";

    /// <summary>A whole decimal number, negative allowed (the caller decides what range it takes).</summary>
    public static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    /// <summary>Seconds with a fraction, as strtod reads them (1.5, 1e2); null error when fine.</summary>
    public static string? TrySeconds(string text, out double value)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return NotProper;
        return value < 0 ? NotPositive : null;
    }

    /// <summary>A non-negative whole number; null error when fine.</summary>
    public static string? TryCount(string text, out long value)
    {
        if (!TryInteger(text, out value)) return NotProper;
        return value < 0 ? NotPositive : null;
    }

    /// <summary>A size with an optional k, M, G or T suffix (powers of 1024), as --max-filesize takes it.</summary>
    public static string? TrySize(string text, out long value)
    {
        value = 0;
        if (text.Length == 0) return NotProper;
        long unit = char.ToUpperInvariant(text[^1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, 'T' => 1L << 40, _ => 1 };
        string digits = unit == 1 ? text : text[..^1];
        if (!TryInteger(digits, out long n)) return NotProper;
        if (n < 0) return NotPositive;
        value = n * unit;
        return null;
    }
}
