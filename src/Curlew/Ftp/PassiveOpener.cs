using System.Globalization;
using System.Net;
using Curlew.Connect;

namespace Curlew.Ftp;

/// <summary>
/// Passive mode: asks for a data port with EPSV (unless <c>FtpUseEpsv</c> is off or the server refused it before on
/// this connection), falls back to PASV, and connects the data connection through the socket factory (purpose
/// IpCxn, same layers as the control connection). The address in a PASV reply is ignored and the control
/// connection's used instead, as libcurl's default FtpSkipPasvIp: a hostile server cannot point the data connection
/// at another host.
/// </summary>
internal static class PassiveOpener
{
    public static async ValueTask<Connection> OpenAsync(FtpControl control, FtpSession session, FtpSettings s, ConnectionProvider connections, IoContext io)
    {
        var controlRemote = control.Connection.Remote as IPEndPoint
            ?? throw new CurlException(CurlCode.FtpCantGetHost, "Cannot tell where the FTP data connection should go: the control connection has no IP peer");
        if (s.UseEpsv && !session.EpsvRefused)
        {
            var epsv = await control.CommandAsync("EPSV").ConfigureAwait(false);
            if (epsv.Code == 229)
            {
                var offered = new IPEndPoint(controlRemote.Address, ParseEpsv(epsv.Text));
                try { return await ConnectAsync(offered, control, connections, io).ConfigureAwait(false); }
                catch (CurlException ex) when (ex.Code is CurlCode.CouldntConnect or CurlCode.AbortedByCallback or CurlCode.OperationTimedout && !io.DeadlinePassed)
                {
                    // As libcurl: a data connection that fails after EPSV disables EPSV and tries PASV once.
                    if (io.Events.Enabled) io.Events.Info($"Failed EPSV attempt ({ex.Message}). Disabling EPSV");
                }
            }
            else if (!epsv.IsFailure) throw new CurlException(CurlCode.FtpWeirdPasvReply, $"Weird EPSV reply: {epsv.Code:D3}");
            session.EpsvRefused = true;
        }
        var target = await PasvAsync(control, controlRemote, s.SkipPasvIp).ConfigureAwait(false);
        try { return await ConnectAsync(target, control, connections, io).ConfigureAwait(false); }
        catch (CurlException ex) when (ex.Code == CurlCode.AbortedByCallback && ex.CallbackException is null)
        {
            // libcurl reports a data connection its sockopt callback refused as a failed connect (7), not 42.
            throw new CurlException(CurlCode.CouldntConnect, $"Failed to connect to {target.Address} port {target.Port} for the data connection: {ex.Message}", ex);
        }
    }

    private static ValueTask<Connection> ConnectAsync(IPEndPoint target, FtpControl control, ConnectionProvider connections, IoContext io)
    {
        if (io.Events.Enabled) io.Events.Info($"Connecting to {target.Address} port {target.Port} for the data connection");
        return connections.OpenDataConnectionAsync(target, control.Connection, io);
    }

    private static async ValueTask<IPEndPoint> PasvAsync(FtpControl control, IPEndPoint controlRemote, bool skipPasvIp)
    {
        var pasv = await control.CommandAsync("PASV").ConfigureAwait(false);
        if (pasv.Code != 227) throw new CurlException(CurlCode.FtpWeirdPasvReply, $"Bad PASV/EPSV response: {pasv.Code:D3}");
        var (address, port) = Parse227(pasv.Text);
        return new IPEndPoint(skipPasvIp ? controlRemote.Address : address, port);
    }

    /// <summary>The port of "229 Entering Extended Passive Mode (|||port|)": any delimiter, repeated as RFC 2428 says.</summary>
    public static int ParseEpsv(string text)
    {
        int open = text.IndexOf('(');
        if (open >= 0 && open + 4 < text.Length)
        {
            char d = text[open + 1];
            if (text[open + 2] == d && text[open + 3] == d)
            {
                int end = text.IndexOf(d, open + 4);
                if (end > open + 4 && int.TryParse(text.AsSpan(open + 4, end - open - 4), NumberStyles.None, CultureInfo.InvariantCulture, out int port)
                    && port is > 0 and <= 65535 && end + 1 < text.Length && text[end + 1] == ')')
                    return port;
            }
        }
        throw new CurlException(CurlCode.FtpWeirdPasvReply, "Weird EPSV reply: no valid (|||port|) in it");
    }

    /// <summary>The address and port of "227 Entering Passive Mode (h1,h2,h3,h4,p1,p2)".</summary>
    public static (IPAddress Address, int Port) Parse227(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i])) continue;
            var numbers = new int[6];
            int at = i, n = 0;
            for (; n < 6; n++)
            {
                int start = at;
                while (at < text.Length && char.IsAsciiDigit(text[at]) && at - start < 3) at++;
                if (at == start || !int.TryParse(text.AsSpan(start, at - start), NumberStyles.None, CultureInfo.InvariantCulture, out numbers[n]) || numbers[n] > 255) break;
                if (n < 5) { if (at >= text.Length || text[at] != ',') break; at++; }
            }
            if (n < 6) continue;
            int port = numbers[4] * 256 + numbers[5];
            if (port == 0) throw new CurlException(CurlCode.FtpWeird227Format, "Couldn't interpret the 227-response: port 0");
            return (new IPAddress([(byte)numbers[0], (byte)numbers[1], (byte)numbers[2], (byte)numbers[3]]), port);
        }
        throw new CurlException(CurlCode.FtpWeird227Format, "Couldn't interpret the 227-response");
    }
}
