using Curlew.Protocols;

namespace Curlew;

/// <summary>Maps a <see cref="CurlInfo"/> to the value the last transfer recorded, typed as libcurl's info type.</summary>
internal static class InfoReader
{
    public static object? Get(TransferInfo i, CurlInfo info) => info switch
    {
        CurlInfo.EffectiveUrl => i.EffectiveUrl,
        CurlInfo.ResponseCode => i.ResponseCode,
        CurlInfo.TotalTime => i.TotalTimeUs / 1e6,
        CurlInfo.NameLookupTime => i.NameLookupTimeUs / 1e6,
        CurlInfo.ConnectTime => i.ConnectTimeUs / 1e6,
        CurlInfo.HeaderSize => i.HeaderSize,
        CurlInfo.RequestSize => i.RequestSize,
        CurlInfo.ContentType => i.ContentType,
        CurlInfo.Filetime or CurlInfo.FiletimeT => i.Filetime,
        CurlInfo.RedirectCount => i.RedirectCount,
        CurlInfo.OsErrno => i.OsErrno,
        CurlInfo.NumConnects => i.NumConnects,
        CurlInfo.RedirectUrl => i.RedirectUrl,
        CurlInfo.PrimaryIp => i.PrimaryIp,
        CurlInfo.PrimaryPort => i.PrimaryPort,
        CurlInfo.LocalIp => i.LocalIp,
        CurlInfo.LocalPort => i.LocalPort,
        CurlInfo.HttpVersion => i.HttpVersion,
        CurlInfo.Scheme => i.Scheme,
        CurlInfo.SizeUploadT => i.SizeUpload,
        CurlInfo.SizeDownloadT => i.SizeDownload,
        CurlInfo.SpeedDownloadT => i.TotalTimeUs > 0 ? i.SizeDownload * 1_000_000 / i.TotalTimeUs : 0,
        CurlInfo.ContentLengthDownloadT => i.ContentLengthDownload,
        CurlInfo.TotalTimeT => i.TotalTimeUs,
        CurlInfo.ConnectTimeT => i.ConnectTimeUs,
        CurlInfo.EffectiveMethod => i.EffectiveMethod,
        CurlInfo.NameLookupTimeT => i.NameLookupTimeUs,
        CurlInfo.AppConnectTimeT => i.AppConnectTimeUs,   // 0 without TLS or another application handshake, as libcurl
        CurlInfo.PreTransferTimeT => i.PreTransferTimeUs,
        CurlInfo.StartTransferTimeT => i.StartTransferTimeUs,
        CurlInfo.RedirectTimeT => i.RedirectTimeUs,
        CurlInfo.AppConnectTime => i.AppConnectTimeUs / 1e6,
        CurlInfo.PreTransferTime => i.PreTransferTimeUs / 1e6,
        CurlInfo.StartTransferTime => i.StartTransferTimeUs / 1e6,
        CurlInfo.RedirectTime => i.RedirectTimeUs / 1e6,
        CurlInfo.SpeedUploadT => i.TotalTimeUs > 0 ? i.SizeUpload * 1_000_000 / i.TotalTimeUs : 0,
        CurlInfo.HttpConnectCode => i.HttpConnectCode,
        CurlInfo.SslVerifyResult => i.SslVerifyResult,   // OpenSSL's X509_V_* of the last TLS handshake; 0 = ok or none
        _ => null,
    };
}
