namespace Curlew.Transfer;

/// <summary>
/// <c>ProtocolsStr</c> and <c>RedirProtocolsStr</c> read as libcurl reads them: "all", or protocol names separated by
/// commas in any case. A scheme not on the list fails with UnsupportedProtocol before anything is connected.
/// </summary>
internal static class ProtocolAllowList
{
    /// <summary>What <c>ProtocolsStr</c> allows when unset: everything.</summary>
    public const string Default = "all";

    /// <summary>What <c>RedirProtocolsStr</c> allows when unset (libcurl since 7.65.2).</summary>
    public const string RedirectDefault = "http,https,ftp,ftps";

    // libcurl 7.88's protocol names. libcurl stops reading the list at a name it does not know (setopt reports the
    // error) and keeps the names before it, so an odd list allows here exactly what it allows there.
    private static readonly string[] Known =
    [
        "dict", "file", "ftp", "ftps", "gopher", "gophers", "http", "https", "imap", "imaps", "ldap", "ldaps", "mqtt",
        "pop3", "pop3s", "rtmp", "rtmpe", "rtmps", "rtmpt", "rtmpte", "rtmpts", "rtsp", "scp", "sftp", "smb", "smbs",
        "smtp", "smtps", "telnet", "tftp",
    ];

    /// <summary>Whether <paramref name="list"/> names <paramref name="scheme"/> (lower-case, as parsed URLs have it).</summary>
    public static bool Allows(string list, string scheme)
    {
        var rest = list.AsSpan();
        if (rest.Equals("all", StringComparison.OrdinalIgnoreCase)) return true;
        while (true)
        {
            int comma = rest.IndexOf(',');
            var name = comma < 0 ? rest : rest[..comma];
            if (!name.IsEmpty)
            {
                if (!IsKnown(name)) return false;
                if (name.Equals(scheme, StringComparison.OrdinalIgnoreCase)) return true;
            }
            if (comma < 0) return false;
            rest = rest[(comma + 1)..];
        }
    }

    private static bool IsKnown(ReadOnlySpan<char> name)
    {
        foreach (var known in Known)
            if (name.Equals(known, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
