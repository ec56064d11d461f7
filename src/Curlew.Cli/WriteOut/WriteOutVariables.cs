using System.Globalization;

namespace Curlew.Cli.WriteOut;

/// <summary>
/// The -w variables Curlew can answer, each read from the public GetInfo or the tool's own record, formatted as curl
/// prints them (codes as three digits, times as seconds with six decimals, missing strings as nothing).
/// </summary>
internal static class WriteOutVariables
{
    /// <summary>A variable's value: text, a number, or a JSON-null-able string.</summary>
    public sealed record Value(string? Text, bool IsNumber);

    public static readonly string[] Names =
    [
        "content_type", "errormsg", "exitcode", "filename_effective", "http_code", "http_connect", "local_ip", "local_port", "method",
        "num_connects", "num_headers", "num_redirects", "redirect_url", "remote_ip", "remote_port", "response_code",
        "scheme", "size_download", "size_header", "size_request", "size_upload", "speed_download", "ssl_verify_result", "time_appconnect",
        "time_connect", "time_namelookup", "time_pretransfer", "time_redirect", "time_starttransfer", "time_total",
        "url", "url_effective", "urlnum",
    ];

    public static Value? Get(string name, WriteOutContext c) => name switch
    {
        "content_type" => Str(c, CurlInfo.ContentType),
        "errormsg" => new Value(c.ErrorMessage, false),
        "exitcode" => Num((int)c.Code),
        "filename_effective" => new Value(c.FileName, false),
        "http_code" or "response_code" => new Value(Long(c, CurlInfo.ResponseCode).ToString("D3", CultureInfo.InvariantCulture), true),
        "http_connect" => new Value(Long(c, CurlInfo.HttpConnectCode).ToString("D3", CultureInfo.InvariantCulture), true),
        "local_ip" => new Value(Str(c, CurlInfo.LocalIp).Text ?? "", false),
        "local_port" => Num(Long(c, CurlInfo.LocalPort)),
        "method" => Str(c, CurlInfo.EffectiveMethod),
        "num_connects" => Num(Long(c, CurlInfo.NumConnects)),
        "num_headers" => Num(c.LastHeaders.Count),
        "num_redirects" => Num(Long(c, CurlInfo.RedirectCount)),
        "redirect_url" => Str(c, CurlInfo.RedirectUrl),
        "remote_ip" => new Value(Str(c, CurlInfo.PrimaryIp).Text ?? "", false),
        "remote_port" => Num(Long(c, CurlInfo.PrimaryPort)),
        "scheme" => Str(c, CurlInfo.Scheme),
        "size_download" => Num(Long(c, CurlInfo.SizeDownloadT)),
        "size_header" => Num(Long(c, CurlInfo.HeaderSize)),
        "size_request" => Num(Long(c, CurlInfo.RequestSize)),
        "size_upload" => Num(Long(c, CurlInfo.SizeUploadT)),
        "speed_download" => Num(Long(c, CurlInfo.SpeedDownloadT)),
        "ssl_verify_result" => Num(Long(c, CurlInfo.SslVerifyResult)),
        "time_appconnect" => Seconds(c, CurlInfo.AppConnectTimeT),
        "time_connect" => Seconds(c, CurlInfo.ConnectTimeT),
        "time_namelookup" => Seconds(c, CurlInfo.NameLookupTimeT),
        "time_pretransfer" => Seconds(c, CurlInfo.PreTransferTimeT),
        "time_redirect" => Seconds(c, CurlInfo.RedirectTimeT),
        "time_starttransfer" => Seconds(c, CurlInfo.StartTransferTimeT),
        "time_total" => Seconds(c, CurlInfo.TotalTimeT),
        "url" => new Value(c.Url, false),
        "url_effective" => Str(c, CurlInfo.EffectiveUrl),
        "urlnum" => Num(c.UrlIndex),
        _ => null,
    };

    private static Value Num(long v) => new(v.ToString(CultureInfo.InvariantCulture), true);

    private static Value Str(WriteOutContext c, CurlInfo info) => new(c.Easy.GetInfo(info) as string, false);

    private static long Long(WriteOutContext c, CurlInfo info) => c.Easy.GetInfo(info) switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        _ => 0,
    };

    // The *_T infos are microseconds; curl prints seconds with six decimals.
    private static Value Seconds(WriteOutContext c, CurlInfo info) =>
        new((Long(c, info) / 1_000_000.0).ToString("F6", CultureInfo.InvariantCulture), true);
}
