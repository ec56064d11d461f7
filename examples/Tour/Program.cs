// The Curlew tour: short walks through the socket callbacks and what is built on them, against a server inside this process.
// Every statement it prints is checked; the exit code is 0 only when all sections behaved as described,
// so `dotnet run --project examples/Tour` is also a smoke test.
using Curlew;
using Curlew.Tour;

var n = new Narrator(Narrator.ShouldUseColour());
n.Title($"Curlew tour ({Curl.Version})");

using var certificates = TourCertificates.Create();
await using var server = await LocalServer.StartAsync(certificates.Server);
n.Say($"Local server: http://{SocketLog.Describe(server.EndPoint)} and https://127.0.0.1:{server.HttpsPort} (Kestrel inside this process; no internet needed)");

(string Title, Func<Task> Run)[] sections =
[
    ("A plain transfer with open/close logging", () => Sync(() => PlainTransfer.Run(server, n))),
    ("A denied address", () => Sync(() => DeniedAddress.Run(server, n))),
    ("A rewritten address", () => Sync(() => RewrittenAddress.Run(server, n))),
    ("An already-connected handover", () => Sync(() => AlreadyConnected.Run(server, n))),
    ("Cancellation and the exactly-once promise", () => Cancellation.RunAsync(server, n)),
    ("HTTPS, verified by default", () => Sync(() => VerifiedHttps.Run(server, certificates.CaFile, n))),
    ("The SSRF guard", () => Sync(() => GuardedFetch.Run(server, n))),
    ("HttpClient through Curlew", () => HttpClientThroughCurlew.RunAsync(server, n)),
    ("Many transfers at once", () => ManyAtOnce.RunAsync(server, n)),
];

int passed = 0;
for (int i = 0; i < sections.Length; i++)
{
    n.Section(i + 1, sections[i].Title);
    try
    {
        await sections[i].Run();
    }
    catch (Exception ex)   // a section that blows up has not behaved as described; the others still run
    {
        n.Check(false, $"unexpected {ex.GetType().Name}: {ex.Message}");
    }
    if (n.EndSection()) passed++;
}

n.Summary(passed, sections.Length);
return passed == sections.Length ? 0 : 1;

static Task Sync(Action section)
{
    section();
    return Task.CompletedTask;
}
