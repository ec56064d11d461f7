namespace Curlew.Ftp;

/// <summary>
/// The options FTP reads, and only those: a snapshot the engine makes once per perform, so FTP never sees the easy
/// handle's option store. Names are the options' own.
/// </summary>
internal sealed class FtpSettings
{
    public string? UserPwd { get; init; }
    /// <summary>CURLOPT_USE_SSL: 0 none, 1 try, 2 control, 3 all.</summary>
    public long UseSsl { get; init; }
    public bool Upload { get; init; }
    public bool Append { get; init; }
    public bool NoBody { get; init; }
    public bool DirListOnly { get; init; }
    public bool Filetime { get; init; }
    public bool UseEpsv { get; init; } = true;
    public bool UseEprt { get; init; } = true;
    public bool SkipPasvIp { get; init; } = true;
    /// <summary>CURLOPT_FTPPORT: null = passive.</summary>
    public string? Port { get; init; }
    /// <summary>1 multi-CWD, 2 no CWD, 3 single CWD.</summary>
    public long FileMethod { get; init; } = 1;
    public long CreateMissingDirs { get; init; }
    public long AcceptTimeoutMs { get; init; }
    /// <summary>CURLOPT_SERVER_RESPONSE_TIMEOUT, as milliseconds; 0 = libcurl's 120 s.</summary>
    public long ResponseTimeoutMs { get; init; }
    public long ResumeFrom { get; init; }
    public string? Range { get; init; }
    public long InFileSize { get; init; } = -1;
    public ReadCallback? ReadFunction { get; init; }
    public object? ReadData { get; init; }
    public IReadOnlyList<string>? Quote { get; init; }
    public IReadOnlyList<string>? PreQuote { get; init; }
    public IReadOnlyList<string>? PostQuote { get; init; }
    public long MaxFileSize { get; init; }
}
