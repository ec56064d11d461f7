namespace Curlew;

/// <summary>
/// One row of the <see cref="OptionTable"/>: the option, libcurl's name for it (used in every message about it), the
/// kind of value it takes, and how a value is converted, checked, normalised and stored into <see cref="EasyOptions"/>.
/// <see cref="CurlEasy.SetOpt"/> and the typed properties both go through <see cref="Apply"/>, so they judge alike.
/// </summary>
internal sealed class OptionDescriptor(CurlOption option, string name, OptionKind kind, Func<EasyOptions, object?, OptionVerdict> apply,
    string? expects = null)
{
    public CurlOption Option { get; } = option;

    /// <summary>libcurl's name, e.g. "CURLOPT_MAXREDIRS".</summary>
    public string Name { get; } = name;

    public OptionKind Kind { get; } = kind;

    /// <summary>Converts, checks and stores <paramref name="value"/>; on refusal the store is left unchanged. Never throws.</summary>
    public OptionVerdict Apply(EasyOptions options, object? value)
    {
        try { return apply(options, value); }
        catch (InvalidCastException) { return OptionVerdict.Bad($"expects {Expected}, not {Describe(value)}"); }
        catch (FormatException) { return OptionVerdict.Bad($"expects {Expected}, not {Describe(value)}"); }
        catch (OverflowException) { return OptionVerdict.Range($"{value} does not fit in a 64-bit number"); }
    }

    /// <summary>The message for a refusal: the option's name, then why.</summary>
    public string Message(OptionVerdict verdict) => $"{Name}: {verdict.Reason}";

    private string Expected => expects ?? Kind switch
    {
        OptionKind.Long or OptionKind.OffT => "a number",
        OptionKind.Bool => "a number or a bool (0 = off)",
        OptionKind.String => "a string",
        OptionKind.List => "a string or a list of strings",
        OptionKind.Callback => "a delegate of its callback type",
        _ => "another type",
    };

    private static string Describe(object? value) => value is null ? "null" : value.GetType().Name;
}
