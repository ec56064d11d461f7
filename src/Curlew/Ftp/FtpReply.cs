namespace Curlew.Ftp;

/// <summary>One complete server reply: its three-digit code and its text (all lines of a multi-line reply, joined).</summary>
internal readonly record struct FtpReply(int Code, string Text)
{
    /// <summary>1xx: more is coming for this command.</summary>
    public bool IsPreliminary => Code is >= 100 and < 200;

    /// <summary>2xx.</summary>
    public bool IsSuccess => Code is >= 200 and < 300;

    /// <summary>3xx: the server wants the next command of a sequence (PASS, RNTO, ...).</summary>
    public bool IsIntermediate => Code is >= 300 and < 400;

    /// <summary>4xx or 5xx.</summary>
    public bool IsFailure => Code >= 400;
}
