namespace Curlew.Transfer;

/// <summary>What the last transfer learned, for <see cref="CurlEasy.GetInfo"/>. Reset at the start of each perform.</summary>
internal sealed class TransferInfo
{
    public string? EffectiveUrl, ContentType, PrimaryIp, LocalIp, RedirectUrl, Scheme, EffectiveMethod;
    public long ResponseCode, RedirectCount, OsErrno, NumConnects, PrimaryPort, LocalPort, HttpVersion;
    public long HeaderSize, RequestSize, SizeUpload, SizeDownload, ContentLengthDownload = -1;
    public long TotalTimeUs, ConnectTimeUs, NameLookupTimeUs;

    public void Reset()
    {
        EffectiveUrl = ContentType = PrimaryIp = LocalIp = RedirectUrl = Scheme = EffectiveMethod = null;
        ResponseCode = RedirectCount = OsErrno = NumConnects = PrimaryPort = LocalPort = HttpVersion = 0;
        HeaderSize = RequestSize = SizeUpload = SizeDownload = 0;
        ContentLengthDownload = -1;
        TotalTimeUs = ConnectTimeUs = NameLookupTimeUs = 0;
    }

    /// <summary>A new request starts: libcurl resets the download size and counter, so a followed redirect's values go.</summary>
    public void StartDownload()
    {
        SizeDownload = 0;
        ContentLengthDownload = -1;
    }

    public object? Get(CurlInfo info) => info switch
    {
        CurlInfo.EffectiveUrl => EffectiveUrl,
        CurlInfo.ResponseCode => ResponseCode,
        CurlInfo.TotalTime => TotalTimeUs / 1e6,
        CurlInfo.NameLookupTime => NameLookupTimeUs / 1e6,
        CurlInfo.ConnectTime => ConnectTimeUs / 1e6,
        CurlInfo.HeaderSize => HeaderSize,
        CurlInfo.RequestSize => RequestSize,
        CurlInfo.ContentType => ContentType,
        CurlInfo.RedirectCount => RedirectCount,
        CurlInfo.OsErrno => OsErrno,
        CurlInfo.NumConnects => NumConnects,
        CurlInfo.RedirectUrl => RedirectUrl,
        CurlInfo.PrimaryIp => PrimaryIp,
        CurlInfo.PrimaryPort => PrimaryPort,
        CurlInfo.LocalIp => LocalIp,
        CurlInfo.LocalPort => LocalPort,
        CurlInfo.HttpVersion => HttpVersion,
        CurlInfo.Scheme => Scheme,
        CurlInfo.SizeUploadT => SizeUpload,
        CurlInfo.SizeDownloadT => SizeDownload,
        CurlInfo.SpeedDownloadT => TotalTimeUs > 0 ? SizeDownload * 1_000_000 / TotalTimeUs : 0,
        CurlInfo.ContentLengthDownloadT => ContentLengthDownload,
        CurlInfo.TotalTimeT => TotalTimeUs,
        CurlInfo.ConnectTimeT => ConnectTimeUs,
        CurlInfo.EffectiveMethod => EffectiveMethod,
        _ => null,
    };
}
