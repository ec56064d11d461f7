namespace Curlew.Cli.Output;

/// <summary>
/// --create-dirs: the folders of an output path are made before the transfer starts, one level at a time, as curl
/// does; the first level that cannot be made ends the transfer with 23 and curl's notice for it (printed even with -s).
/// </summary>
internal static class OutputDirectories
{
    /// <summary>Makes the folders above <paramref name="path"/>; null when they exist now, else curl's notice.</summary>
    public static string? Create(string path)
    {
        string? folder = Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return null;
        string sofar = "";
        foreach (string part in folder.Split('/'))
        {
            sofar = sofar.Length == 0 ? (part.Length == 0 ? "/" : part) : Path.Join(sofar, part);
            if (part.Length == 0 || Directory.Exists(sofar) || File.Exists(sofar)) continue;   // a file in the way fails one level down, as in curl
            try { Directory.CreateDirectory(sofar); }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return Notice(ex, sofar); }
        }
        return null;
    }

    // curl's words for the reasons it tells apart (errno from the failed mkdir); anything else is the plain notice.
    private static string Notice(Exception ex, string folder) => ex switch
    {
        UnauthorizedAccessException => $"You don't have permission to create {folder}.",
        IOException { HResult: 36 } => $"The directory name {folder} is too long.",                   // ENAMETOOLONG
        IOException { HResult: 30 } => $"{folder} resides on a read-only file system.",               // EROFS
        IOException { HResult: 28 } => $"No space left on the file system that will contain the directory {folder}.",   // ENOSPC
        _ => $"Error creating directory {folder}.",
    };
}
