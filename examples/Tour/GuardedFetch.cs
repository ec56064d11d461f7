using System.Text;

namespace Curlew.Tour;

/// <summary>
/// Section 7: the built-in SSRF guard. A service that fetches URLs its users send must not reach its own loopback,
/// private networks or the cloud metadata address, however the URL spells them.
/// </summary>
internal static class GuardedFetch
{
    public static void Run(LocalServer server, Narrator n)
    {
        // 2130706433 is 127.0.0.1 written as one decimal number: a classic way around naive URL filters.
        string sneaky = $"http://2130706433:{server.Port}/hello";
        n.Say($"SsrfGuard.Default refuses every address that is not public; the URL {sneaky} is 127.0.0.1 in disguise.");
        var log = new SocketLog(n);
        using (var easy = Guarded(sneaky, SsrfGuard.Default, log, new StringBuilder()))
        {
            var code = easy.Perform();
            n.Show("ErrorMessage", easy.ErrorMessage);
            n.Check(code == CurlCode.CouldntConnect, $"Perform returned {code} ({(int)code})");
            n.Check(easy.ErrorMessage?.Contains("refused by the SSRF guard (loopback address)", StringComparison.Ordinal) == true,
                "ErrorMessage names the address and why");
            n.Check(log.Opens == 0, "the guard judged the address before any socket existed");
        }

        n.Say("A guard of your own can allow what you do mean to reach, here loopback:");
        var body = new StringBuilder();
        var mine = SsrfGuard.CreateBuilder().AllowLoopback().Build();
        using (var easy = Guarded(sneaky, mine, log, body))
        {
            var code = easy.Perform();
            n.Check(code == CurlCode.Ok && body.ToString() == LocalServer.HelloBody, $"Perform returned {code}, with the greeting");
        }
        n.Check(log.Opens == 1 && log.Closes == 1, "one socket opened and closed once");
    }

    private static CurlEasy Guarded(string url, SsrfGuard guard, SocketLog log, StringBuilder body) => new()
    {
        Url = url,
        SsrfGuard = guard,
        OpenSocketFunction = log.Open,
        CloseSocketFunction = log.Close,
        WriteFunction = TransferFacts.CollectInto(body),
        TimeoutMs = 5_000,
    };
}
