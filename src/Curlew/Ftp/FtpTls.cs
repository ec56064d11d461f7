namespace Curlew.Ftp;

/// <summary>
/// FTPS on the control connection (RFC 4217), as libcurl does it: AUTH SSL, then AUTH TLS when refused, and the
/// TLS upgrade of the live connection on 234/334; after login PBSZ 0 and PROT P (PROT C when UseSsl asks for the
/// control connection only), which decides whether data connections carry TLS. A refusal fails the transfer with
/// UseSslFailed (64) when UseSsl demands TLS (2, 3) and is carried on in clear when it only tries (1): never a
/// silent downgrade of a demand.
/// </summary>
internal static class FtpTls
{
    private const long Try = 1, Control = 2;
    private static readonly string[] Mechanisms = ["SSL", "TLS"];   // libcurl's default order (CURLFTPAUTH_DEFAULT)

    /// <summary>True when the control connection is now TLS.</summary>
    public static async ValueTask<bool> AuthAsync(FtpControl control, long useSsl)
    {
        foreach (var mechanism in Mechanisms)
        {
            var reply = await control.CommandAsync("AUTH " + mechanism).ConfigureAwait(false);
            if (reply.Code is 234 or 334)
            {
                await control.StartTlsAsync().ConfigureAwait(false);
                return true;
            }
        }
        if (useSsl > Try) throw new CurlException(CurlCode.UseSslFailed, "Server denied you to change to SSL, so we fail");
        return false;
    }

    /// <summary>PBSZ 0 and PROT; true when data connections must carry TLS (PROT P accepted).</summary>
    public static async ValueTask<bool> ProtectAsync(FtpControl control, long useSsl)
    {
        await control.CommandAsync("PBSZ 0").ConfigureAwait(false);   // its answer changes nothing: PROT decides
        char level = useSsl == Control ? 'C' : 'P';
        var reply = await control.CommandAsync("PROT " + level).ConfigureAwait(false);
        if (reply.IsSuccess) return level == 'P';
        if (useSsl > Control) throw new CurlException(CurlCode.UseSslFailed, $"The server refused PROT {level}: {reply.Code:D3}");
        return false;
    }
}
