namespace Curlew.Cli.Output;

/// <summary>Which file name a URL's body is written to: -o's name, or for -O the last path segment of the URL, under --output-dir.</summary>
internal static class OutputNaming
{
    /// <summary>The path to write, null for standard output; false when -O finds no file name in the URL.</summary>
    public static bool TryResolve(string url, string? fileName, bool remoteName, string? outputDir, out string? path)
    {
        path = fileName;
        if (remoteName)
        {
            path = RemoteFileName(url);
            if (path.Length == 0) return false;
        }
        if (path == null || path == "-") { path = null; return true; }
        if (outputDir != null && !System.IO.Path.IsPathRooted(path)) path = System.IO.Path.Combine(outputDir, path);
        return true;
    }

    // The text after the last slash of the path, query and fragment left out, as curl names -O files.
    private static string RemoteFileName(string url)
    {
        string rest = url;
        int scheme = rest.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0) rest = rest[(scheme + 3)..];
        int cut = rest.IndexOfAny(['?', '#']);
        if (cut >= 0) rest = rest[..cut];
        int slash = rest.IndexOf('/');
        if (slash < 0) return "";
        return rest[(rest.LastIndexOf('/') + 1)..];
    }
}
