namespace Curlew.Cli.Args;

/// <summary>The FTP flags beyond the ones every protocol shares.</summary>
internal sealed partial class CliOptions
{
    /// <summary>-Q commands with a leading '-': sent after the transfer (libcurl's PostQuote).</summary>
    public List<string> PostQuote { get; } = [];
    /// <summary>-Q commands with a leading '+': sent just before the transfer command (libcurl's PreQuote).</summary>
    public List<string> PreQuote { get; } = [];
    /// <summary>curl's default is on: the PASV reply's address is ignored in favour of the control connection's.</summary>
    public bool FtpSkipPasvIp = true;
    /// <summary>--ftp-method as libcurl's number (1 multicwd, 2 nocwd, 3 singlecwd); null leaves libcurl's default.</summary>
    public long? FtpMethod;
    /// <summary>-R: ask for the remote file's time and give it to the saved file.</summary>
    public bool RemoteTime;
}
