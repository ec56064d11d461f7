using System.Net;
using Curlew.Connect;
using Curlew.Protocols;

namespace Curlew.Ftp;

/// <summary>
/// FTP as the engine's handler for "ftp": takes a logged-in control connection (a pooled one of the same host and
/// login, or a new one it logs in), sends the Quote commands, walks the path, then lists, downloads, uploads or (with
/// NoBody) reports size and time, with PostQuote after. The control connection goes back to the pool when the
/// transfer ended cleanly; the data connection never outlives the transfer.
/// </summary>
internal sealed class FtpProtocol(FtpSettings s, TransferContext c) : IProtocolHandler
{
    private const int DefaultResponseTimeoutMs = 120_000;   // libcurl's RESP_TIMEOUT
    private Func<Connection, ValueTask>? _closeEvicted;

    public async ValueTask<HopResult> PerformAsync(Hop hop)
    {
        var url = hop.Url;
        var path = FtpPath.Parse(url.Path, s.FileMethod);
        var (user, password) = Credentials(hop);
        c.Progress.Report();
        var connection = await c.Connections.AcquireAsync(url, c.Io, fresh: false).ConfigureAwait(false);
        RecordEndpoints(connection);
        bool reusable = false;
        int timeoutMs = s.ResponseTimeoutMs > 0 ? (int)Math.Min(s.ResponseTimeoutMs, int.MaxValue) : DefaultResponseTimeoutMs;
        var control = new FtpControl(connection, c.Io, c.Headers, c.Info, timeoutMs, c.Connections);
        try
        {
            if (connection.ProtocolState is not FtpSession session)
            {
                session = await FtpLogin.RunAsync(control, user, password, s.UseSsl).ConfigureAwait(false);
                connection.ProtocolState = session;
            }
            await FtpCommands.QuoteAsync(control, s.Quote).ConfigureAwait(false);
            await FtpCommands.WalkAsync(control, session, path, s).ConfigureAwait(false);
            var transfer = new FtpTransfer(s, c, control, session, path);
            // False when the control connection is out of step (a download cut short by Range): it is not reused.
            bool inStep = s.Upload ? await transfer.UploadAsync().ConfigureAwait(false)
                : s.NoBody ? await transfer.DescribeAsync().ConfigureAwait(false)
                : await transfer.DownloadAsync().ConfigureAwait(false);
            if (inStep) await FtpCommands.QuoteAsync(control, s.PostQuote, afterTransfer: true).ConfigureAwait(false);
            reusable = inStep;
            if (reusable) await QuitUnlessPooledAsync(control).ConfigureAwait(false);
        }
        catch (CurlException ex) when (LeavesControlInStep(ex.Code) && !connection.IsClosed)
        {
            // The server refused a command and the dialogue is still in step: libcurl keeps such a connection.
            reusable = true;
            await QuitUnlessPooledAsync(control).ConfigureAwait(false);
            throw;
        }
        catch
        {
            reusable = false;
            throw;
        }
        finally
        {
            await c.Connections.ReleaseAsync(connection, reusable, c.Io, _closeEvicted ??= FtpGoodbye.ForEvicted(c)).ConfigureAwait(false);
        }
        return HopResult.Done;
    }

    // An in-step connection that will not be pooled (ForbidReuse) ends with QUIT inside the transfer, as libcurl ends
    // it: the 221 reaches the header callback and ResponseCode. The session goes, so the close says nothing more.
    private async ValueTask QuitUnlessPooledAsync(FtpControl control)
    {
        if (c.Connections.WillPool(control.Connection)) return;
        control.Connection.ProtocolState = null;
        await FtpGoodbye.InTransferAsync(control).ConfigureAwait(false);
    }

    // Failures that are the server's answer to one command, read in full: nothing is left half-said on the connection.
    private static bool LeavesControlInStep(CurlCode code) => code is CurlCode.RemoteFileNotFound or CurlCode.RemoteAccessDenied
        or CurlCode.BadDownloadResume or CurlCode.FtpCouldntRetrFile or CurlCode.UploadFailed or CurlCode.FtpCouldntSetType
        or CurlCode.FtpCouldntUseRest;

    // The URL's own login first; UserPwd only where credentials may go (not to another host after a redirect).
    private (string User, string Password) Credentials(in Hop hop)
    {
        var url = hop.Url;
        if (url.User is not null) return (url.User, url.Password ?? "");
        if (hop.SendCredentials && s.UserPwd is { } userPwd)
        {
            int colon = userPwd.IndexOf(':');
            return colon < 0 ? (userPwd, "") : (userPwd[..colon], userPwd[(colon + 1)..]);
        }
        return ("anonymous", FtpLogin.AnonymousPassword);
    }

    private void RecordEndpoints(Connection connection)
    {
        c.Info.PrimaryIp = connection.RemoteIp;
        c.Info.PrimaryPort = connection.Remote is IPEndPoint remote ? remote.Port : connection.Route.Port;
        if (connection.Local is IPEndPoint local)
        {
            c.Info.LocalIp = connection.LocalIp;
            c.Info.LocalPort = local.Port;
        }
    }
}
