using System.Text;

namespace Curlew.Tour;

/// <summary>
/// Section 6: HTTPS is a TLS layer stacked on the socket the open callback made, and verification is on by default:
/// a certificate from an authority the caller has not trusted fails with 60 before any request goes out.
/// </summary>
internal static class VerifiedHttps
{
    public static void Run(LocalServer server, string caFile, Narrator n)
    {
        n.Say($"The server's certificate is signed by a CA made for this run; nothing trusts it yet. URL: {server.HttpsUrl("/hello")}");
        var log = new SocketLog(n);
        var body = new StringBuilder();
        using (var easy = new CurlEasy
        {
            Url = server.HttpsUrl("/hello"),
            OpenSocketFunction = log.Open,
            CloseSocketFunction = log.Close,
            WriteFunction = TransferFacts.CollectInto(body),
            TimeoutMs = 5_000,
        })
        {
            var code = easy.Perform();
            n.Show("ErrorMessage", easy.ErrorMessage);
            n.Check(code == CurlCode.PeerFailedVerification && (int)code == 60, $"Perform returned {code} ({(int)code}): {Curl.StrError(code)}");
            n.Check(body.Length == 0, "no body: the request never left");
            n.Check(log.Opens == 1 && log.Closes == 1 && log.StrayCloses == 0, "the one socket was handed to the close callback, once");

            n.Say($"With CaInfo = the run's CA file ({Path.GetFileName(caFile)}), the same handle verifies the chain and the IP name:");
            easy.CaInfo = caFile;
            code = easy.Perform();
            n.Show("body", body.ToString().TrimEnd());
            n.Check(code == CurlCode.Ok, $"Perform returned {code} ({(int)code})");
            n.Check(body.ToString() == LocalServer.HelloBody, "the body is the server's greeting, over TLS");
            n.Check(easy.Long(CurlInfo.SslVerifyResult) == 0, $"SslVerifyResult = {easy.Long(CurlInfo.SslVerifyResult)}");
            n.Check(log.Opens == 2, "the open callback saw the TCP target of the https URL, as for http");
        }
        n.Check(log.Closes == 2 && log.StrayCloses == 0, "Dispose closed the TLS connection's socket through the callback, once");
    }
}
