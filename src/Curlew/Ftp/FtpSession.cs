using Curlew.Connect;

namespace Curlew.Ftp;

/// <summary>
/// What a logged-in control connection remembers between transfers (it goes back to the pool with the connection):
/// the directory the login landed in, the directories changed into since, the transfer type set, and whether the
/// server refused EPSV/EPRT (so a reused connection does not ask again, as libcurl). A connection that still holds
/// its session when it closes is in step, so it says QUIT first (<see cref="FtpGoodbye"/>).
/// </summary>
internal sealed class FtpSession : IConnectionGoodbye
{
    /// <summary>The PWD reply's path after login; "/" when the server gave none.</summary>
    public string EntryPath { get; set; } = "/";

    /// <summary>The directory walk done last (<see cref="FtpPath.DirectoryKey"/>); null at the entry path.</summary>
    public string? CurrentDirectories { get; set; }

    /// <summary>The TYPE last set ('A' or 'I'); null before any.</summary>
    public char? Type { get; set; }

    /// <summary>PROT P was accepted: every data connection is wrapped in TLS.</summary>
    public bool ProtectData { get; set; }

    public bool EpsvRefused { get; set; }
    public bool EprtRefused { get; set; }

    public ValueTask SayGoodbyeAsync(Connection connection, int timeoutMs, bool synchronous, CancellationToken token) =>
        FtpGoodbye.DetachedAsync(connection, timeoutMs, synchronous, token);
}
