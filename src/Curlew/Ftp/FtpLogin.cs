namespace Curlew.Ftp;

/// <summary>
/// Logs a new control connection in: the 220 greeting, AUTH and the TLS upgrade when UseSsl asks, USER (and PASS when asked), then PBSZ/PROT on a TLS
/// control connection, then PWD for the directory the login lands in, which later transfers on the connection return to before walking another path.
/// </summary>
internal static class FtpLogin
{
    /// <summary>libcurl's password for anonymous logins.</summary>
    public const string AnonymousPassword = "ftp@example.com";

    public static async ValueTask<FtpSession> RunAsync(FtpControl control, string user, string password, long useSsl)
    {
        var greeting = await control.ReadAsync().ConfigureAwait(false);
        if (greeting.Code != 220)
            throw new CurlException(CurlCode.WeirdServerReply,
                $"Got a {greeting.Code:D3} ftp-server response when 220 was expected");
        var route = control.Connection.Route;
        bool secured = route.UsesTls && !route.StartsTls;   // ftps://: TLS from the first byte
        if (route.StartsTls) secured = await FtpTls.AuthAsync(control, useSsl).ConfigureAwait(false);
        var reply = await control.CommandAsync("USER " + user).ConfigureAwait(false);
        if (reply.Code == 331) reply = await control.CommandAsync("PASS " + password).ConfigureAwait(false);
        if (reply.Code == 332) throw new CurlException(CurlCode.LoginDenied, "Access denied: the server asks for an account (ACCT), which Curlew does not send");
        if (!reply.IsSuccess) throw new CurlException(CurlCode.LoginDenied, $"Access denied: {reply.Code:D3}");
        var session = new FtpSession();
        if (secured) session.ProtectData = await FtpTls.ProtectAsync(control, useSsl).ConfigureAwait(false);
        var pwd = await control.CommandAsync("PWD").ConfigureAwait(false);
        if (pwd.Code == 257 && Quoted(pwd.Text) is { } path) session.EntryPath = path;
        return session;
    }

    // The path in a 257 reply is quoted; a doubled quote inside stands for one.
    private static string? Quoted(string text)
    {
        int open = text.IndexOf('"');
        if (open < 0) return null;
        var path = new System.Text.StringBuilder();
        for (int i = open + 1; i < text.Length; i++)
        {
            if (text[i] != '"') { path.Append(text[i]); continue; }
            if (i + 1 < text.Length && text[i + 1] == '"') { path.Append('"'); i++; continue; }
            return path.ToString();
        }
        return null;
    }
}
