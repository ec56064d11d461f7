using Curlew.Ftp;

namespace Curlew.Transfer;

/// <summary>Takes what FTP needs out of the option store, once per perform (when the transfer speaks FTP at all).</summary>
internal static class FtpSnapshot
{
    public static FtpSettings From(EasyOptions o) => new()
    {
        UserPwd = o.UserPwd,
        UseSsl = o.UseSsl,
        Upload = o.Upload,
        Append = o.Append,
        NoBody = o.NoBody,
        DirListOnly = o.DirListOnly,
        Filetime = o.Filetime,
        UseEpsv = o.FtpUseEpsv,
        UseEprt = o.FtpUseEprt,
        SkipPasvIp = o.FtpSkipPasvIp,
        Port = o.FtpPort,
        FileMethod = o.FtpFileMethod,
        CreateMissingDirs = o.FtpCreateMissingDirs,
        AcceptTimeoutMs = o.AcceptTimeoutMs,
        ResponseTimeoutMs = o.FtpResponseTimeoutMs,
        ResumeFrom = o.ResumeFrom,
        Range = o.Range,
        InFileSize = o.InFileSize,
        ReadFunction = o.ReadFunction,
        ReadData = o.ReadData,
        Quote = o.Quote,
        PreQuote = o.PreQuote,
        PostQuote = o.PostQuote,
        MaxFileSize = o.MaxFileSize,
    };
}
