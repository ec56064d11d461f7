namespace Curlew;

// Curlew-only options with no libcurl counterpart. They are typed properties only: no CurlOption number, so SetOpt
// cannot reach them and no number can ever collide with one libcurl adds later.
public sealed partial class CurlEasy
{
    /// <summary>
    /// The SSRF guard every connection attempt of this handle is judged by (see <see cref="Curlew.SsrfGuard"/>):
    /// addresses it refuses are never connected to, and a transfer with no allowed address left fails with
    /// <see cref="CurlCode.CouldntConnect"/>. Default null (off), as libcurl has no such check. Use
    /// <see cref="Curlew.SsrfGuard.Default"/> for a service that fetches URLs its users give it. <see cref="Reset"/> puts
    /// it back to null like every option. Curlew-only: no libcurl option, and no <see cref="CurlOption"/> number.
    /// </summary>
    /// <exception cref="ObjectDisposedException">Setting it on a disposed handle.</exception>
    public SsrfGuard? SsrfGuard
    {
        get => _options.SsrfGuard;
        set
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _optionsChanged = true;
            _options.SsrfGuard = value;
        }
    }
}
