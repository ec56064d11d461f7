using System.Net;
using System.Text;

namespace Curlew.Tour;

/// <summary>Section 2: a deny list in the open callback. Refusing a socket (returning null) fails the connect.</summary>
internal static class DeniedAddress
{
    // The policy sits where every socket is born, so no redirect, proxy or retry can slip past it.
    private static readonly IPAddress[] DenyList = [IPAddress.Loopback, IPAddress.IPv6Loopback];

    public static void Run(LocalServer server, Narrator n)
    {
        n.Say($"The deny list holds {string.Join(", ", DenyList.Select(a => a.ToString()))}; the URL points at 127.0.0.1.");
        var log = new SocketLog(n);
        using var easy = new CurlEasy
        {
            Url = server.Url("/hello"),
            OpenSocketFunction = (clientp, purpose, address) =>
            {
                if (address.Address is IPEndPoint ip && DenyList.Contains(ip.Address))
                {
                    n.Event("deny", $"{SocketLog.Describe(ip)} is on the deny list: returning null");
                    return null;      // libcurl's CURL_SOCKET_BAD
                }
                return log.Open(clientp, purpose, address);
            },
            CloseSocketFunction = log.Close,
            WriteFunction = TransferFacts.CollectInto(new StringBuilder()),
            TimeoutMs = 5_000,
        };

        var code = easy.Perform();
        n.Show("ErrorMessage", easy.ErrorMessage);
        n.Check(code == CurlCode.CouldntConnect && (int)code == 7, $"Perform returned {code} ({(int)code}): {Curl.StrError(code)}");
        n.Check(easy.ErrorMessage?.Contains("refused", StringComparison.OrdinalIgnoreCase) == true, "ErrorMessage says the callback refused");
        n.Check(log.Opens == 0 && log.Closes == 0, "no socket was created, so there is none to close");
    }
}
