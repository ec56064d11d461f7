using Curlew.Url;

namespace Curlew.Ftp;

/// <summary>
/// An ftp:// URL's path as FTP walks it: the directories to change into (per <c>FtpFileMethod</c>: one CWD per
/// directory, one CWD for all, or none), the file name (empty for a listing: a path ending in "/"), and the
/// <c>;type=a|i|d</c> suffix. Each part is percent-decoded; a decoded CR, LF or NUL is refused (nothing from a URL may
/// end a command line early).
/// </summary>
internal sealed record FtpPath(IReadOnlyList<string> Directories, string File, char? Type)
{
    public const long MultiCwd = 1, NoCwd = 2, SingleCwd = 3;

    /// <summary>A listing rather than a file transfer: no file name, or <c>;type=d</c>.</summary>
    public bool IsListing => File.Length == 0 || Type == 'd';

    /// <summary>The directories joined as the server sees them, for comparing against a reused connection's.</summary>
    public string DirectoryKey => string.Join('/', Directories);

    public static FtpPath Parse(string urlPath, long method)
    {
        string path = urlPath.StartsWith('/') ? urlPath[1..] : urlPath;
        char? type = null;
        int typeAt = path.LastIndexOf(";type=", StringComparison.OrdinalIgnoreCase);
        if (typeAt >= 0 && typeAt + 7 == path.Length && char.ToLowerInvariant(path[^1]) is 'a' or 'i' or 'd')
        {
            type = char.ToLowerInvariant(path[^1]);
            path = path[..typeAt];
        }
        int lastSlash = path.LastIndexOf('/');
        string file = Decode(path[(lastSlash + 1)..]);
        string dirPart = lastSlash < 0 ? "" : path[..lastSlash];
        if (method == NoCwd)
        {
            // The whole path goes with the command; a listing names its directory.
            return new FtpPath([], lastSlash < 0 ? file : Decode(dirPart) + "/" + file, type);
        }
        if (dirPart.Length == 0 && lastSlash < 0) return new FtpPath([], file, type);
        if (method == SingleCwd)
            return new FtpPath(dirPart.Length == 0 ? ["/"] : [Decode(dirPart)], file, type);
        var dirs = new List<string>();
        var segments = dirPart.Split('/');
        for (int i = 0; i < segments.Length; i++)
        {
            // A leading empty segment ("//dir") is the server's root; other empty segments are skipped.
            if (segments[i].Length == 0)
            {
                if (i == 0) dirs.Add("/");
                continue;
            }
            dirs.Add(Decode(segments[i]));
        }
        return new FtpPath(dirs, file, type);
    }

    private static string Decode(string part)
    {
        var decoded = PercentEncoding.DecodeRejectingControls(part);
        if (decoded is null || decoded.Contains('\x7f'))
            throw new CurlException(CurlCode.UrlMalformat, "URL malformed: the FTP path holds a control character");
        return decoded;
    }
}
