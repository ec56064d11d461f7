namespace Curlew;

// Typed twins of GetInfo: the type comes from libcurl's CURLINFO type bits in the info's number.
public sealed partial class CurlEasy
{
    private const int InfoTypeMask = 0xF00000, InfoString = 0x100000, InfoLong = 0x200000, InfoDouble = 0x300000, InfoOffT = 0x600000;

    /// <summary>
    /// A whole-number fact about the last transfer (libcurl's <c>CURLINFO_LONG</c> and <c>CURLINFO_OFF_T</c> infos, such as
    /// <see cref="CurlInfo.ResponseCode"/> or <see cref="CurlInfo.SizeDownloadT"/>); 0 before any transfer and for a time
    /// Curlew does not measure yet.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is not a long or off_t info, or not one Curlew has.</exception>
    public long GetInfoLong(CurlInfo info)
    {
        int type = CheckedType(info);
        if (type is not (InfoLong or InfoOffT)) throw WrongType(info, "GetInfoLong", type);
        return InfoReader.Get(_info, info) is long value ? value : 0;
    }

    /// <summary>A text fact about the last transfer (libcurl's <c>CURLINFO_STRING</c> infos, such as <see cref="CurlInfo.EffectiveUrl"/>); null when there is none.</summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is not a string info, or not one Curlew has.</exception>
    public string? GetInfoString(CurlInfo info)
    {
        int type = CheckedType(info);
        if (type != InfoString) throw WrongType(info, "GetInfoString", type);
        return InfoReader.Get(_info, info) as string;
    }

    /// <summary>A fact in seconds about the last transfer (libcurl's <c>CURLINFO_DOUBLE</c> infos, such as <see cref="CurlInfo.TotalTime"/>); 0 before any transfer.</summary>
    /// <exception cref="ArgumentException"><paramref name="info"/> is not a double info, or not one Curlew has.</exception>
    public double GetInfoDouble(CurlInfo info)
    {
        int type = CheckedType(info);
        if (type != InfoDouble) throw WrongType(info, "GetInfoDouble", type);
        return InfoReader.Get(_info, info) is double value ? value : 0;
    }

    private static int CheckedType(CurlInfo info)
    {
        if (!Enum.IsDefined(info)) throw new ArgumentException($"Curlew has no info number 0x{(int)info:x}", nameof(info));
        return (int)info & InfoTypeMask;
    }

    private static ArgumentException WrongType(CurlInfo info, string getter, int type)
    {
        string actual = type switch
        {
            InfoString => "a string: use GetInfoString",
            InfoLong or InfoOffT => "a whole number: use GetInfoLong",
            InfoDouble => "a double: use GetInfoDouble",
            _ => $"of type 0x{type:x}",
        };
        return new ArgumentException($"{getter}: {info} is {actual}", nameof(info));
    }
}
