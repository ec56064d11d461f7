using System.Globalization;

namespace Curlew;

/// <summary>
/// Turns <see cref="CurlEasy.SetOpt"/>'s loosely typed values into the types the store holds. A value of the wrong type
/// throws <see cref="InvalidCastException"/>, which <see cref="OptionDescriptor.Apply"/> turns into a refusal.
/// </summary>
internal static class OptionValues
{
    public static long Long(object? value) => value switch
    {
        bool b => b ? 1 : 0,
        null => throw new InvalidCastException(),
        Enum e => Convert.ToInt64(e, CultureInfo.InvariantCulture),
        IConvertible c when value is not string => c.ToInt64(CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException(),
    };

    public static bool Bool(object? value) => Long(value) != 0;

    public static string? String(object? value) => value switch
    {
        null => null,
        string s => s,
        Uri u => u.OriginalString,
        _ => throw new InvalidCastException(),
    };

    public static IReadOnlyList<string>? List(object? value) => value switch
    {
        null => null,
        string s => [s],
        IEnumerable<string> e => e.ToArray(),   // a copy, as libcurl keeps its own slist: later changes by the caller do not leak in
        _ => throw new InvalidCastException(),
    };

    public static T? Callback<T>(object? value) where T : Delegate => value switch
    {
        null => null,
        T t => t,
        _ => throw new InvalidCastException(),
    };
}
