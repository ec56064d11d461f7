namespace Curlew.Cli.Help;

/// <summary>curl 7.88.1's help categories (<c>-h CATEGORY</c>); <see cref="Important"/> is the short list of plain <c>-h</c>.</summary>
[Flags]
internal enum HelpCategories
{
    None = 0,
    Auth = 1 << 0, Connection = 1 << 1, Curl = 1 << 2, Dns = 1 << 3, File = 1 << 4, Ftp = 1 << 5, Http = 1 << 6,
    Imap = 1 << 7, Misc = 1 << 8, Output = 1 << 9, Pop3 = 1 << 10, Post = 1 << 11, Proxy = 1 << 12, Scp = 1 << 13,
    Sftp = 1 << 14, Smtp = 1 << 15, Ssh = 1 << 16, Telnet = 1 << 17, Tftp = 1 << 18, Tls = 1 << 19, Upload = 1 << 20,
    Verbose = 1 << 21,
    Important = 1 << 22,
}

/// <summary>One category as <c>-h category</c> lists it: the name a user types and what it holds.</summary>
internal sealed record HelpCategory(HelpCategories Bit, string Name, string Description);

/// <summary>
/// The categories in curl's order with curl's names (so <c>-h http</c> works the same in both). curl's words for
/// them, except that the output category names curlew. A category whose protocol (or proxies) curlew lacks is kept,
/// so scripts see the same list, and <c>-h</c> on it says that curlew has none of its options.
/// </summary>
internal static class HelpCategoryList
{
    public static readonly HelpCategory[] All =
    [
        new(HelpCategories.Auth, "auth", "Different types of authentication methods"),
        new(HelpCategories.Connection, "connection", "Low level networking operations"),
        new(HelpCategories.Curl, "curl", "The command line tool itself"),
        new(HelpCategories.Dns, "dns", "General DNS options"),
        new(HelpCategories.File, "file", "FILE protocol options"),
        new(HelpCategories.Ftp, "ftp", "FTP protocol options"),
        new(HelpCategories.Http, "http", "HTTP and HTTPS protocol options"),
        new(HelpCategories.Imap, "imap", "IMAP protocol options"),
        new(HelpCategories.Misc, "misc", "Options that don't fit into any other category"),
        new(HelpCategories.Output, "output", "Filesystem output"),
        new(HelpCategories.Pop3, "pop3", "POP3 protocol options"),
        new(HelpCategories.Post, "post", "HTTP Post specific options"),
        new(HelpCategories.Proxy, "proxy", "All options related to proxies"),
        new(HelpCategories.Scp, "scp", "SCP protocol options"),
        new(HelpCategories.Sftp, "sftp", "SFTP protocol options"),
        new(HelpCategories.Smtp, "smtp", "SMTP protocol options"),
        new(HelpCategories.Ssh, "ssh", "SSH protocol options"),
        new(HelpCategories.Telnet, "telnet", "TELNET protocol options"),
        new(HelpCategories.Tftp, "tftp", "TFTP protocol options"),
        new(HelpCategories.Tls, "tls", "All TLS/SSL related options"),
        new(HelpCategories.Upload, "upload", "All options for uploads"),
        new(HelpCategories.Verbose, "verbose", "Options related to any kind of command line output of curlew"),
    ];

    /// <summary>The category with this name, ignoring case as curl does, or null.</summary>
    public static HelpCategory? Find(string name)
    {
        foreach (var category in All)
            if (category.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return category;
        return null;
    }
}
