namespace Curlew.Protocols;

/// <summary>What the last transfer learned, for <see cref="CurlEasy.GetInfo"/>. Reset at the start of each perform.</summary>
internal sealed class TransferInfo
{
    public string? EffectiveUrl, ContentType, PrimaryIp, LocalIp, RedirectUrl, Scheme, EffectiveMethod;
    public long ResponseCode, RedirectCount, OsErrno, NumConnects, PrimaryPort, LocalPort, HttpVersion;
    public long HeaderSize, RequestSize, SizeUpload, SizeDownload, ContentLengthDownload = -1;

    /// <summary>The remote file's time (seconds since 1970) when Filetime asked for it and the server said; -1 otherwise.</summary>
    public long Filetime = -1;
    public long TotalTimeUs, ConnectTimeUs, NameLookupTimeUs, SslVerifyResult, HttpConnectCode;

    /// <summary>
    /// Phase times in microseconds since the perform started, libcurl's *_TIME_T: the last request's TLS handshake
    /// done, request about to be sent, first response byte in; and when the final request started after redirects.
    /// </summary>
    public long AppConnectTimeUs, PreTransferTimeUs, StartTransferTimeUs, RedirectTimeUs;

    public void Reset()
    {
        EffectiveUrl = ContentType = PrimaryIp = LocalIp = RedirectUrl = Scheme = EffectiveMethod = null;
        ResponseCode = RedirectCount = OsErrno = NumConnects = PrimaryPort = LocalPort = HttpVersion = 0;
        HeaderSize = RequestSize = SizeUpload = SizeDownload = 0;
        ContentLengthDownload = -1;
        Filetime = -1;
        TotalTimeUs = ConnectTimeUs = NameLookupTimeUs = SslVerifyResult = HttpConnectCode = 0;
        AppConnectTimeUs = PreTransferTimeUs = StartTransferTimeUs = RedirectTimeUs = 0;
    }

    /// <summary>A new request starts: libcurl resets the download size and counter, so a followed redirect's values go.</summary>
    public void StartDownload()
    {
        SizeDownload = 0;
        ContentLengthDownload = -1;
    }
}
