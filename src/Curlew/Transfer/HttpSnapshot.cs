using Curlew.Http;

namespace Curlew.Transfer;

/// <summary>Takes what HTTP needs out of the option store, once per perform (when the transfer speaks HTTP at all).</summary>
internal static class HttpSnapshot
{
    /// <summary>The handle's last snapshot when none of its options changed since, else a new one (remembered for next time).</summary>
    public static HttpSettings For(EasyOptions o)
    {
        var memo = o.Memo;
        if (memo.Http is { } last && memo.HttpSource is { } source && SameForHttp(source, o)) return last;
        var made = From(o);
        (memo.Http, memo.HttpSource) = (made, o);
        return made;
    }

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
        BodyCustom = o.BodyHeaders is null ? CustomHeaders.Empty : new CustomHeaders(o.BodyHeaders),
        UserAgent = o.UserAgent,
        Referer = o.Referer,
        Cookie = o.Cookie,
        UserPwd = o.UserPwd,
        HttpAuth = o.HttpAuth,
        HttpVersion = o.HttpVersion,
        Range = o.Range,
        ResumeFrom = o.ResumeFrom,
        Header = o.Header,
        FailOnError = o.FailOnError,
        MaxFileSize = o.MaxFileSize,
        Expect100TimeoutMs = o.Expect100TimeoutMs,
        PostRedir = o.PostRedir,
    };

    // Every option From reads, compared as stored: lists and arrays are copied in by the setters, so the same
    // reference means the same content. A test changes each option in turn to prove none is missing here.
    private static bool SameForHttp(EasyOptions a, EasyOptions b) =>
        a.Method == b.Method && a.NoBody == b.NoBody && ReferenceEquals(a.CustomRequest, b.CustomRequest)
        && ReferenceEquals(a.PostFields, b.PostFields) && a.PostFieldSize == b.PostFieldSize
        && a.ReadFunction == b.ReadFunction && ReferenceEquals(a.ReadData, b.ReadData) && a.InFileSize == b.InFileSize
        && ReferenceEquals(a.HttpHeader, b.HttpHeader) && ReferenceEquals(a.BodyHeaders, b.BodyHeaders) && ReferenceEquals(a.UserAgent, b.UserAgent)
        && ReferenceEquals(a.Referer, b.Referer) && ReferenceEquals(a.Cookie, b.Cookie) && ReferenceEquals(a.UserPwd, b.UserPwd)
        && a.HttpAuth == b.HttpAuth && a.HttpVersion == b.HttpVersion && ReferenceEquals(a.Range, b.Range) && a.ResumeFrom == b.ResumeFrom
        && a.Header == b.Header && a.FailOnError == b.FailOnError && a.MaxFileSize == b.MaxFileSize
        && a.Expect100TimeoutMs == b.Expect100TimeoutMs && a.PostRedir == b.PostRedir;
}
