namespace Curlew;

/// <summary>
/// What an option table entry made of a value: accepted, or refused with the code <see cref="CurlEasy.SetOpt"/> returns
/// and the reason its message gives. <see cref="OutOfRange"/> tells a typed property to throw
/// <see cref="ArgumentOutOfRangeException"/> rather than <see cref="ArgumentException"/>.
/// </summary>
internal readonly record struct OptionVerdict(CurlCode Code, string? Reason, bool OutOfRange)
{
    public static OptionVerdict Ok => default;

    public bool Accepted => Code == CurlCode.Ok;

    public static OptionVerdict Range(string reason, CurlCode code = CurlCode.BadFunctionArgument) => new(code, reason, true);

    public static OptionVerdict Bad(string reason) => new(CurlCode.BadFunctionArgument, reason, false);
}
