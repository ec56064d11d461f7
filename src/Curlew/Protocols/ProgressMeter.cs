namespace Curlew.Protocols;

/// <summary>Calls the xferinfo callback (when <c>NoProgress</c> is off, as in libcurl); a non-zero answer aborts with 42.</summary>
internal sealed class ProgressMeter(XferInfoCallback? callback, object? clientp, bool enabled)
{
    private readonly XferInfoCallback? _callback = enabled ? callback : null;

    public long DownloadTotal, DownloadNow, UploadTotal, UploadNow;

    public bool IsActive => _callback is not null;

    public void Report()
    {
        if (_callback is null) return;
        int answer;
        try { answer = _callback(clientp, DownloadTotal, DownloadNow, UploadTotal, UploadNow); }
        catch (Exception ex) { throw CurlException.FromCallback("progress", ex); }
        if (answer != 0) throw new CurlException(CurlCode.AbortedByCallback, "Callback aborted");
    }
}
