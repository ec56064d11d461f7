using System.Net;
using Curlew.Tests.Servers;

namespace Curlew.Tests.Differential;

/// <summary>
/// FTP against the same vsftpd on both engines: codes, bytes, GetInfo values and the socket callback sequence
/// (control and data connections, the active-mode listener and accepted socket).
/// </summary>
public static class FtpDiffCases
{
    private static DiffScenario Ftp(DiffServers s, string path, Action<IDiffEasy>? more = null, SocketPolicy? policy = null, int? expect = null, int performs = 1,
        Action<IDiffEasy, int>? before = null, KnownDifference? known = null) => new()
    {
        Policy = policy ?? SocketPolicy.Default,
        Setup = e =>
        {
            e.Url = s.Vsftpd.BaseUrl + path;
            more?.Invoke(e);
        },
        ExpectCode = expect,
        Performs = performs,
        BeforePerform = before,
        Known = known,
        Canonical = DataPorts(s),
    };

    /// <summary>The server picks a new passive data port every time: any loopback port but the servers' own reads "data".</summary>
    private static Func<SockEvent, SockEvent> DataPorts(DiffServers s)
    {
        int control = s.Vsftpd.Port, http = s.Port;
        return e => e.Kind != SockEventKind.Mark && e.Port != 0 && e.Port != control && e.Port != http
            ? e with { Port = -1, Note = e.Note is { } note && note.StartsWith("rewritten", StringComparison.Ordinal) ? "rewritten" : e.Note }
            : e;
    }

    private static UploadReader Source(byte[] data)
    {
        var offset = 0;
        return buffer =>
        {
            var n = Math.Min(buffer.Length, data.Length - offset);
            data.AsSpan(offset, n).CopyTo(buffer);
            offset += n;
            return n;
        };
    }

    public static readonly DiffCase[] Cases =
    [
        new("ftp RETR passive", s => Ftp(s, "/hello.txt", expect: 0)),
        new("ftp RETR in a directory (one CWD per level)", s => Ftp(s, "/pub/a.txt", expect: 0)),
        new("ftp RETR FtpFileMethod nocwd", s => Ftp(s, "/pub/a.txt", e => e.FtpFileMethod = 2, expect: 0)),
        new("ftp RETR FtpFileMethod singlecwd", s => Ftp(s, "/pub/a.txt", e => e.FtpFileMethod = 3, expect: 0)),
        new("ftp RETR 1 MiB", s => Ftp(s, "/big.bin", expect: 0)),
        new("ftp RETR PASV (FtpUseEpsv off)", s => Ftp(s, "/hello.txt", e => e.FtpUseEpsv = false, expect: 0)),
        new("ftp RETR ;type=a", s => Ftp(s, "/hello.txt;type=a", expect: 0)),
        new("ftp LIST", s => Ftp(s, "/pub/", expect: 0)),
        new("ftp NLST (DirListOnly)", s => Ftp(s, "/pub/", e => e.DirListOnly = true, expect: 0)),
        new("ftp missing file", s => Ftp(s, "/nope.txt", expect: 78)),
        new("ftp missing directory", s => Ftp(s, "/nodir/a.txt", expect: 9)),
        new("ftp login denied", s => Ftp(s, "/hello.txt", e => e.UserPwd = "bob:secret", expect: 67)),
        new("ftp Range 1000-1999", s => Ftp(s, "/big.bin", e => e.Range = "1000-1999", expect: 0)),
        new("ftp ResumeFrom 6", s => Ftp(s, "/hello.txt", e => e.ResumeFrom = 6, expect: 0)),
        new("ftp ResumeFrom beyond the end", s => Ftp(s, "/hello.txt", e => e.ResumeFrom = 1000, expect: 36)),
        new("ftp NoBody", s => Ftp(s, "/hello.txt", e => e.NoBody = true, expect: 0)),
        new("ftp NoBody with Filetime", s => Ftp(s, "/hello.txt", e => { e.NoBody = true; e.Filetime = true; }, expect: 0)),
        new("ftp RETR with Filetime", s => Ftp(s, "/hello.txt", e => e.Filetime = true, expect: 0)),
        new("ftp Quote and PostQuote", s => Ftp(s, "/hello.txt", e => { e.Quote = ["NOOP"]; e.PostQuote = ["SYST"]; }, expect: 0)),
        new("ftp failing Quote", s => Ftp(s, "/hello.txt", e => e.Quote = ["BOGUS"], expect: 21)),
        new("ftp two transfers reuse the control connection", s => Ftp(s, "/pub/a.txt", expect: 0, performs: 2,
            before: (e, i) => { if (i == 1) e.Url = s.Vsftpd.BaseUrl + "/hello.txt"; })),
        new("ftp refused EPSV data socket falls back to PASV", s => Ftp(s, "/hello.txt", policy: new SocketPolicy { Refuse = (i, _) => i == 1 }, expect: 0)),
        new("ftp refused data sockets after EPSV and PASV", s => Ftp(s, "/hello.txt", policy: new SocketPolicy { Refuse = (i, _) => i >= 1 }, expect: 7)),
        new("ftp EPSV data socket sockopt error falls back to PASV", s => Ftp(s, "/hello.txt", policy: new SocketPolicy { SockOpt = i => i == 1 ? 1 : 0 }, expect: 0)),
        new("ftp data socket sockopt errors after EPSV and PASV", s => Ftp(s, "/hello.txt", policy: new SocketPolicy { SockOpt = i => i >= 1 ? 1 : 0 }, expect: 7)),
        new("ftp upload STOR", s => Ftp(s, "/upload/diff-stor.bin", e => { e.Upload = true; e.Reader = Source(KestrelTestServer.Pattern(100_000)); }, expect: 0)),
        new("ftp upload with FtpCreateMissingDirs", s => Ftp(s, "/upload/diffdir/inner/f.txt",
            e => { e.Upload = true; e.FtpCreateMissingDirs = 1; e.Reader = Source("made"u8.ToArray()); }, expect: 0)),
        new("ftp redirect from http", s => new DiffScenario
        {
            Canonical = DataPorts(s),
            Setup = e =>
            {
                e.Url = $"{s.BaseUrl}/redirect/302?to={Uri.EscapeDataString(s.Vsftpd.BaseUrl + "/hello.txt")}";
                e.FollowLocation = true;
            },
            ExpectCode = 0,
        }),
        new("ftp active FtpPort -", s => Ftp(s, "/hello.txt", e => e.FtpPort = "-", expect: 0, known: ListenerPurpose)),
        new("ftp active PORT (FtpUseEprt off)", s => Ftp(s, "/pub/", e => { e.FtpPort = "127.0.0.1"; e.FtpUseEprt = false; }, expect: 0, known: ListenerPurpose)),
        new("ftp active upload", s => Ftp(s, "/upload/diff-active.bin", e => { e.FtpPort = "-"; e.Upload = true; e.Reader = Source(KestrelTestServer.Pattern(50_000)); },
            expect: 0, known: ListenerPurpose)),
        new("ftp active missing file", s => Ftp(s, "/nope.txt", e => e.FtpPort = "-", expect: 78, known: ListenerPurpose)),
        new("ftp active accepted socket sockopt error", s => Ftp(s, "/hello.txt", e => e.FtpPort = "-",
            policy: new SocketPolicy { SockOpt = i => i == 1 ? 1 : 0 }, expect: 42, known: ListenerPurpose)),
    ];

    /// <summary>
    /// API.md's deliberate difference: libcurl opens the active-mode listener with purpose IpCxn (0), Curlew with
    /// Accept (1). The listener is the open of the local address with port 0; it and its close are normalised to 1.
    /// </summary>
    public static readonly KnownDifference ListenerPurpose = new(
        "libcurl passes IpCxn (0) for the FTP listening socket; Curlew passes Accept (1), as API.md rule 1 says",
        lib => lib with { Events = [.. lib.Events.Select(e => IsListener(e) && e.Purpose == 0 ? e with { Purpose = 1 } : e)] },
        cur => cur,
        (lib, cur) =>
        {
            var libListener = lib.Events.Where(e => e.Kind == SockEventKind.Open && IsListener(e)).ToList();
            var curListener = cur.Events.Where(e => e.Kind == SockEventKind.Open && IsListener(e)).ToList();
            if (libListener.Count != 1 || libListener[0].Purpose != 0)
                return $"libcurl's listener opens: [{string.Join(", ", libListener)}], expected one with purpose 0 (fixed libcurl? update API.md)";
            if (curListener.Count != 1 || curListener[0].Purpose != 1)
                return $"Curlew's listener opens: [{string.Join(", ", curListener)}], expected one with purpose 1 (Accept)";
            return null;
        });

    private static bool IsListener(SockEvent e) => e.Kind is SockEventKind.Open or SockEventKind.Close && e.Port == 0 && e.Ip == IPAddress.Loopback.ToString();
}
