namespace Curlew.Ftp;

/// <summary>
/// The commands around a transfer that only check a reply: quote lists, the directory walk (with MKD for
/// FtpCreateMissingDirs), TYPE, REST and SIZE, each failing with libcurl's code for it.
/// </summary>
internal static class FtpCommands
{
    /// <summary>
    /// Quote, PreQuote or PostQuote: each command must not fail, unless it starts with "*" (libcurl's "may fail").
    /// A failure reads as libcurl's: the reply code before the transfer, the command itself after it
    /// (<paramref name="afterTransfer"/>), where libcurl sends the list through another path.
    /// </summary>
    public static async ValueTask QuoteAsync(FtpControl control, IReadOnlyList<string>? commands, bool afterTransfer = false)
    {
        if (commands is null) return;
        foreach (var entry in commands)
        {
            bool mayFail = entry.StartsWith('*');
            var command = mayFail ? entry[1..] : entry;
            if (command.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
                throw new CurlException(CurlCode.QuoteError, "QUOT command refused: it holds CR, LF or NUL, which would put a second command on the wire");
            var reply = await control.CommandAsync(command).ConfigureAwait(false);
            if (reply.IsFailure && !mayFail)
                throw new CurlException(CurlCode.QuoteError, afterTransfer ? $"QUOT string not accepted: {command}" : $"QUOT command failed with {reply.Code:D3}");
        }
    }

    /// <summary>Walks to the path's directories, from the login directory when the connection stood somewhere else.</summary>
    public static async ValueTask WalkAsync(FtpControl control, FtpSession session, FtpPath path, FtpSettings s)
    {
        string key = path.DirectoryKey;
        if (session.CurrentDirectories == key || (session.CurrentDirectories is null && path.Directories.Count == 0)) return;
        if (session.CurrentDirectories is not null)
        {
            session.CurrentDirectories = null;
            await CwdAsync(control, session.EntryPath, createMissing: false).ConfigureAwait(false);
        }
        bool create = s.Upload && s.CreateMissingDirs > 0;
        foreach (var dir in path.Directories) await CwdAsync(control, dir, create).ConfigureAwait(false);
        session.CurrentDirectories = path.Directories.Count == 0 ? null : key;
    }

    private static async ValueTask CwdAsync(FtpControl control, string dir, bool createMissing)
    {
        var reply = await control.CommandAsync("CWD " + dir).ConfigureAwait(false);
        if (reply.IsSuccess) return;
        if (createMissing)
        {
            var mkd = await control.CommandAsync("MKD " + dir).ConfigureAwait(false);
            if (mkd.IsFailure) throw new CurlException(CurlCode.RemoteAccessDenied, $"Failed to MKD dir: {mkd.Code:D3}");
            reply = await control.CommandAsync("CWD " + dir).ConfigureAwait(false);
            if (reply.IsSuccess) return;
        }
        throw new CurlException(CurlCode.RemoteAccessDenied, "Server denied you to change to the given directory");
    }

    /// <summary>TYPE A or I, sent only when the connection is not in that type already.</summary>
    public static async ValueTask TypeAsync(FtpControl control, FtpSession session, char type)
    {
        if (session.Type == type) return;
        var reply = await control.CommandAsync("TYPE " + type).ConfigureAwait(false);
        if (!reply.IsSuccess) throw new CurlException(CurlCode.FtpCouldntSetType, $"Couldn't set desired mode ({reply.Code:D3})");
        session.Type = type;
    }

    /// <summary>The file's size by SIZE; -1 when the server does not say. A 550 means the file is not there.</summary>
    public static async ValueTask<long> SizeAsync(FtpControl control, string file)
    {
        var reply = await control.CommandAsync("SIZE " + file).ConfigureAwait(false);
        if (reply.Code == 213 && long.TryParse(reply.Text.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long size))
            return size;
        if (reply.Code == 550) throw new CurlException(CurlCode.RemoteFileNotFound, "The file does not exist");
        return -1;
    }

    /// <summary>REST <paramref name="offset"/>; the server must accept it (350).</summary>
    public static async ValueTask RestAsync(FtpControl control, long offset)
    {
        var reply = await control.CommandAsync("REST " + offset).ConfigureAwait(false);
        if (reply.Code != 350) throw new CurlException(CurlCode.FtpCouldntUseRest, $"Couldn't use REST: {reply.Code:D3}");
    }

    /// <summary>The file's modification time by MDTM ("213 YYYYMMDDhhmmss"); null when the server does not say.</summary>
    public static async ValueTask<DateTimeOffset?> MdtmAsync(FtpControl control, string file)
    {
        var reply = await control.CommandAsync("MDTM " + file).ConfigureAwait(false);
        var text = reply.Text.Trim();
        if (reply.Code == 213 && text.Length >= 14 && DateTimeOffset.TryParseExact(text[..14], "yyyyMMddHHmmss",
                System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var time))
            return time;
        if (reply.Code == 550) throw new CurlException(CurlCode.RemoteFileNotFound, "Given file does not exist");
        return null;
    }
}
