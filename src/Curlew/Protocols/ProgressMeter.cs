namespace Curlew.Protocols;

/// <summary>Calls the xferinfo callback (when <c>NoProgress</c> is off, as in libcurl); a non-zero answer aborts with 42.</summary>
/// <remarks>A handle keeps one and <see cref="Start"/>s it for every perform, so a keep-alive loop allocates none.</remarks>
internal sealed class ProgressMeter
{
    private XferInfoCallback? _callback;
    private object? _clientp;

    public ProgressMeter(XferInfoCallback? callback, object? clientp, bool enabled) => Start(callback, clientp, enabled);

    public long DownloadTotal, DownloadNow, UploadTotal, UploadNow;

    /// <summary>Begins a perform: the callback it reports to, and every count back at zero.</summary>
    public void Start(XferInfoCallback? callback, object? clientp, bool enabled)
    {
        _callback = enabled ? callback : null;
        _clientp = clientp;
        DownloadTotal = DownloadNow = UploadTotal = UploadNow = 0;
    }

    public bool IsActive => _callback is not null;

    public void Report()
    {
        if (_callback is null) return;
        int answer;
        try { answer = _callback(_clientp, DownloadTotal, DownloadNow, UploadTotal, UploadNow); }
        catch (Exception ex) { throw CurlException.FromCallback("progress", ex); }
        if (answer != 0) throw new CurlException(CurlCode.AbortedByCallback, "Callback aborted");
    }
}
