using System.Globalization;

namespace Curlew.Ftp;

/// <summary>
/// Where a download starts and how many bytes it takes, from <c>Range</c> ("a-b", "a-", "-n") or <c>ResumeFrom</c>,
/// as libcurl turns them into REST and a byte limit. Size is the file's size from SIZE, -1 when unknown.
/// </summary>
internal readonly record struct FtpRange(long Offset, long Limit)
{
    public static FtpRange For(string? range, long resumeFrom, long size)
    {
        if (range is { Length: > 0 })
        {
            int dash = range.IndexOf('-');
            if (dash < 0 || range.IndexOf(',') >= 0) throw Bad(range);
            var from = range[..dash].Trim();
            var to = range[(dash + 1)..].Trim();
            if (from.Length == 0)
            {
                if (!TryNumber(to, out long last)) throw Bad(range);
                if (size < 0) throw new CurlException(CurlCode.RangeError, "Cannot ask for the last bytes of a file of unknown size");
                long start = Math.Max(0, size - last);
                return new FtpRange(start, size - start);
            }
            if (!TryNumber(from, out long first)) throw Bad(range);
            if (to.Length == 0) return new FtpRange(first, -1);
            if (!TryNumber(to, out long end) || end < first) throw Bad(range);
            return new FtpRange(first, end - first + 1);
        }
        if (resumeFrom > 0 && size >= 0 && resumeFrom > size)
            throw new CurlException(CurlCode.BadDownloadResume, $"Offset ({resumeFrom}) was beyond the end of the file ({size})");
        return new FtpRange(Math.Max(resumeFrom, 0), -1);
    }

    private static bool TryNumber(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    private static CurlException Bad(string range) => new(CurlCode.RangeError, $"Range \"{range}\" is not a byte range FTP can serve");
}
