using Curlew.Http;

namespace Curlew.Transfer;

/// <summary>Takes what HTTP needs out of the option store, once per perform (when the transfer speaks HTTP at all).</summary>
internal static class HttpSnapshot
{
    public static HttpSettings From(EasyOptions o) => new()
    {
        Method = o.Method,
        NoBody = o.NoBody,
        CustomRequest = o.CustomRequest,
        PostFields = o.PostFields,
        PostFieldSize = o.PostFieldSize,
        ReadFunction = o.ReadFunction,
        ReadData = o.ReadData,
        InFileSize = o.InFileSize,
        Custom = o.HttpHeader is null ? CustomHeaders.Empty : new CustomHeaders(o.HttpHeader),
        UserAgent = o.UserAgent,
        Referer = o.Referer,
        Cookie = o.Cookie,
        UserPwd = o.UserPwd,
        HttpVersion = o.HttpVersion,
        Range = o.Range,
        ResumeFrom = o.ResumeFrom,
        Header = o.Header,
        FailOnError = o.FailOnError,
        MaxFileSize = o.MaxFileSize,
        Expect100TimeoutMs = o.Expect100TimeoutMs,
        PostRedir = o.PostRedir,
    };
}
