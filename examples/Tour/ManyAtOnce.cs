using System.Text;

namespace Curlew.Tour;

/// <summary>Section 9: many transfers at once through CurlMulti, over one connection cache with a per-host limit.</summary>
internal static class ManyAtOnce
{
    public static async Task RunAsync(LocalServer server, Narrator n)
    {
        n.Say("Six transfers in one CurlMulti with MaxHostConnections = 2: they share the multi's connection cache.");
        var log = new SocketLog(n);
        var bodies = new List<StringBuilder>();
        var handles = new List<CurlEasy>();
        using (var multi = new CurlMulti { MaxHostConnections = 2 })
        {
            for (int i = 0; i < 6; i++)
            {
                var body = new StringBuilder();
                bodies.Add(body);
                var easy = new CurlEasy
                {
                    Url = server.Url("/hello"),
                    OpenSocketFunction = log.Open,
                    CloseSocketFunction = log.Close,
                    WriteFunction = TransferFacts.CollectInto(body),
                    TimeoutMs = 5_000,
                };
                handles.Add(easy);
                multi.AddHandle(easy);
            }
            int done = 0, ok = 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await foreach (var message in multi.CompletedAsync(timeout.Token))
            {
                done++;
                if (message.Result == CurlCode.Ok) ok++;
            }
            n.Check(done == 6 && ok == 6, $"{done} DONE messages, {ok} of them Ok");
            n.Check(bodies.All(b => b.ToString() == LocalServer.HelloBody), "every handle got the greeting");
            n.Check(log.Opens is >= 1 and <= 2, $"{log.Opens} connection(s) opened for six transfers (at most 2 at a time)");
            foreach (var easy in handles) multi.RemoveHandle(easy);
        }
        foreach (var easy in handles) easy.Dispose();
        n.Check(log.Opens == log.Closes && log.StrayCloses == 0, "the multi's end closed its cached connections, each once");
    }
}
