namespace Curlew.Cli.Args;

/// <summary>The FTP flags and -R.</summary>
internal static partial class OptionApplier
{
    private static bool TryApplyFtpOption(CliOptions o, string name, string a, bool on)
    {
        switch (name)
        {
            case "ftp-port": o.FtpPort = a; return true;
            case "ftp-pasv": if (on) o.FtpPort = null; return true;
            case "disable-epsv": o.DisableEpsv = on; return true;
            case "disable-eprt": o.DisableEprt = on; return true;
            case "list-only": o.ListOnly = on; return true;
            case "append": o.Append = on; return true;
            case "quote": AddQuote(o, a); return true;
            case "ftp-create-dirs": o.FtpCreateDirs = on; return true;
            case "ftp-skip-pasv-ip": o.FtpSkipPasvIp = on; return true;
            case "ftp-method": o.FtpMethod = FtpMethod(o, a); return true;
            case "remote-time": o.RemoteTime = on; return true;
            default: return false;
        }
    }

    // curl's -Q: a leading '-' sends the command after the transfer, '+' just before it, anything else before it all.
    private static void AddQuote(CliOptions o, string a)
    {
        if (a.StartsWith('-')) o.PostQuote.Add(a[1..]);
        else if (a.StartsWith('+')) o.PreQuote.Add(a[1..]);
        else o.Quote.Add(a);
    }

    // An unknown method is a warning and the default, as in curl.
    private static long FtpMethod(CliOptions o, string a)
    {
        if (a.Equals("multicwd", StringComparison.OrdinalIgnoreCase)) return 1;
        if (a.Equals("nocwd", StringComparison.OrdinalIgnoreCase)) return 2;
        if (a.Equals("singlecwd", StringComparison.OrdinalIgnoreCase)) return 3;
        if (!o.Silent) o.Warnings.Add($"Warning: unrecognized ftp file method '{a}', using default\n");
        return 1;
    }
}
