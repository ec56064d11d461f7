using System.Net.Sockets;
using Curlew.Tests.Servers;

namespace Curlew.Tests.Hostile;

/// <summary>
/// The scripted FTP servers of <see cref="HostileFtpServerTests"/>, one per fault, and the steps they share: the test
/// names the fault, the script's shape lives here once.
/// </summary>
internal static class FtpFaults
{
    /// <summary>Sends <paramref name="greeting"/> instead of a normal greeting, then reads one command.</summary>
    public static ScriptedFtpServer Greeting(string greeting) => new(async s =>
    {
        await s.SendAsync(greeting);
        await s.ReadCommandAsync();
    });

    /// <summary>Logs the client in, answers <paramref name="command"/> with <paramref name="reply"/> and reads one more command.</summary>
    public static ScriptedFtpServer Answering(string command, string reply) => new(async s =>
    {
        await s.LoginAndServeUntilAsync(c => c == command);
        await s.SendAsync(reply);
        await s.ReadCommandAsync();
    });

    /// <summary>
    /// Announces <paramref name="announced"/> bytes, sends <paramref name="sent"/> over a passive data connection and
    /// closes it; then claims success (226) or, without <paramref name="finalReply"/>, closes the control connection.
    /// </summary>
    public static ScriptedFtpServer ShortDownload(int announced, int sent, bool finalReply) => new(async s =>
    {
        using var data = await s.OpenPassiveDataAsync();
        await s.SendRetrAsync(data, new byte[sent], announced);
        if (!finalReply) return;   // the control connection closes with the session, without a final reply
        await s.SendAsync("226 done (but it was not)\r\n");
        await s.ReadCommandAsync();
    });

    /// <summary>Logs in, answers EPSV with a port it listens on and accepts the data connection.</summary>
    public static async Task<Socket> OpenPassiveDataAsync(this FtpScriptSession s)
    {
        await s.LoginAndServeUntilAsync(c => c == "EPSV");
        int port = s.OfferDataPort();
        await s.SendAsync($"229 Entering Extended Passive Mode (|||{port}|)\r\n");
        return await s.AcceptDataAsync();
    }

    /// <summary>Serves until RETR (SIZE answers <paramref name="size"/>), replies 150 and sends <paramref name="body"/>, then closes the data connection.</summary>
    public static async Task SendRetrAsync(this FtpScriptSession s, Socket data, byte[] body, long size)
    {
        await s.ServeUntilAsync(c => c.StartsWith("RETR", StringComparison.Ordinal), size);
        await s.SendAsync("150 here\r\n");
        await data.SendAsync(body);
        data.Close();
    }
}
