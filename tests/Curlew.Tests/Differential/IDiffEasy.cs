namespace Curlew.Tests.Differential;

/// <summary>Upload source: fill <paramref name="buffer"/>, return bytes filled, 0 at the end, or <see cref="IDiffEasy.ReadAbort"/>.</summary>
public delegate long UploadReader(Span<byte> buffer);

/// <summary>What the write callback returns for a chunk of <paramref name="length"/> bytes after <paramref name="soFar"/> bytes.</summary>
public delegate long WriteAnswer(int length, long soFar);

/// <summary>Progress callback: non-zero aborts.</summary>
public delegate int ProgressAnswer(long dlTotal, long dlNow, long ulTotal, long ulNow);

/// <summary>
/// The common surface of <see cref="LibCurlEasy"/> (real libcurl) and <see cref="CurlewRecorder"/> (Curlew), so one
/// test body drives both. Setters apply the option immediately, as curl_easy_setopt does.
/// </summary>
public interface IDiffEasy : IDisposable
{
    /// <summary>Abort sentinel for <see cref="UploadReader"/>.</summary>
    const long ReadAbort = -1;

    string Engine { get; }

    /// <summary>Socket callback sequence, with harness marks.</summary>
    IReadOnlyList<SockEvent> Events { get; }

    /// <summary>Body bytes received (accepted by the write callback), across performs.</summary>
    byte[] Body { get; }

    /// <summary>Header lines received (CRLF stripped), across performs.</summary>
    IReadOnlyList<string> HeaderLines { get; }

    void ClearReceived();
    void Mark(string note);

    string? Url { set; }
    IReadOnlyList<string>? Resolve { set; }
    IReadOnlyList<string>? ConnectTo { set; }
    string? UnixSocketPath { set; }
    IReadOnlyList<string>? HttpHeader { set; }
    byte[]? PostFields { set; }
    bool Post { set; }
    bool Upload { set; }
    long InFileSize { set; }
    UploadReader? Reader { set; }
    WriteAnswer? WriteAnswer { set; }
    ProgressAnswer? Progress { set; }
    string? CustomRequest { set; }
    bool FollowLocation { set; }
    long MaxRedirs { set; }
    bool FailOnError { set; }
    bool NoBody { set; }
    string? Range { set; }
    long ResumeFrom { set; }
    long TimeoutMs { set; }
    long ConnectTimeoutMs { set; }
    string? UserPwd { set; }
    bool ForbidReuse { set; }
    bool FreshConnect { set; }
    long MaxConnects { set; }
    string? FtpPort { set; }
    bool FtpUseEpsv { set; }
    bool FtpUseEprt { set; }
    bool DirListOnly { set; }
    bool Append { set; }
    bool Filetime { set; }
    long FtpFileMethod { set; }
    long FtpCreateMissingDirs { set; }
    IReadOnlyList<string>? Quote { set; }
    IReadOnlyList<string>? PostQuote { set; }

    /// <summary>Any string or number option by its libcurl number (used for options without a setter here, such as the proxy ones).</summary>
    void SetOption(CurlOption option, object? value);

    int Perform();

    string? ErrorMessage { get; }
    long ResponseCode { get; }
    long NumConnects { get; }
    string? PrimaryIp { get; }
    long PrimaryPort { get; }
    string? EffectiveUrl { get; }
    long RedirectCount { get; }
    string? ContentType { get; }
    long SizeDownload { get; }
}
