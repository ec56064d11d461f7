using System.Diagnostics;

namespace Curlew.Bench;

/// <summary>
/// The end-to-end runner (issue 15): the same peers against Kestrel (always, in a child process, over HTTP and TLS)
/// and nginx (when its base URLs are given; its TLS one trusts the CA in <c>CURLEW_BENCH_CAINFO</c>), so no gain holds
/// for one server only. Peers: Curlew's <c>Perform</c> and <c>PerformAsync</c>,
/// HttpClient (SocketsHttpHandler) and libcurl (when <c>libcurl.so.4</c> loads). Cases: a big download on a new
/// connection (GB/s, client CPU s/GB, and for Kestrel the server's CPU s/GB) and small GETs on one keep-alive
/// connection (req/s, client CPU µs per request, server µs). Rounds are interleaved (server, then peer) and the best
/// round of each is kept, as ../shared/perf/run does; it prints the ratios for each server.
/// </summary>
internal static class EndToEnd
{
    private const int BigRepeat = 2, KeepAliveRequests = 5_000;

    private sealed record Server(string Name, string BigUrl, string SmallUrl, string? Ca, Func<TimeSpan>? Cpu);

    private sealed record Peer(string Name, Func<string, string?, long> Big, Func<string, int, string?, int> Small);

    private sealed class Best
    {
        public double BigSeconds = double.MaxValue, BigClientCpu = double.MaxValue, BigServerCpu = double.MaxValue;
        public double SmallSeconds = double.MaxValue, SmallClientCpu = double.MaxValue, SmallServerCpu = double.MaxValue;
        public long BigBytes;
    }

    public static int Run(int rounds, string? nginxBase, string? nginxTlsBase)
    {
        string? nginxCa = Environment.GetEnvironmentVariable("CURLEW_BENCH_CAINFO") is { Length: > 0 } file ? file : null;
        using var kestrel = KestrelServer.Start();
        var servers = new List<Server>
        {
            new("kestrel", kestrel.BaseUrl + "/big", kestrel.BaseUrl + "/small", null, () => kestrel.Cpu),
            new("kestrel-tls", kestrel.TlsBaseUrl + "/big", kestrel.TlsBaseUrl + "/small", kestrel.CaFile, () => kestrel.Cpu),
        };
        if (nginxBase is not null) servers.Add(new("nginx", nginxBase + "/big.bin", nginxBase + "/small.txt", null, null));
        if (nginxTlsBase is not null) servers.Add(new("nginx-tls", nginxTlsBase + "/big.bin", nginxTlsBase + "/small.txt", nginxCa, null));
        var clients = new Dictionary<string, HttpClient>();   // one HttpClient per trusted CA ("" for none)
        HttpClient ClientFor(string? ca) =>
            clients.TryGetValue(ca ?? "", out var client) ? client : clients[ca ?? ""] = new HttpClient(Trust.Handler(ca));
        var peers = new List<Peer>
        {
            new("curlew", (url, ca) => CurlewDownload(url, ca, async: false), (url, n, ca) => CurlewMany(url, n, ca, async: false)),
            new("curlew async", (url, ca) => CurlewDownload(url, ca, async: true), (url, n, ca) => Wait(CurlewManyAsync(url, n, ca))),
            new("HttpClient", (url, ca) => HttpClientDownload(ClientFor(ca), url), (url, n, ca) => HttpClientMany(ClientFor(ca), url, n)),
            new("HttpClient async", (url, ca) => Wait(HttpClientDownloadAsync(ClientFor(ca), url)),
                (url, n, ca) => Wait(HttpClientManyAsync(ClientFor(ca), url, n))),
        };
        if (LibCurlPeer.Available) peers.Add(new("libcurl", LibCurlPeer.Download, LibCurlPeer.Many));
        else Console.WriteLine("libcurl.so.4 does not load here: libcurl left out");
        try { return Race(servers, peers, rounds); }
        finally { foreach (var client in clients.Values) client.Dispose(); }
    }

    private static int Race(List<Server> servers, List<Peer> peers, int rounds)
    {
        var best = new Dictionary<(string, string), Best>();
        foreach (var server in servers)   // warm-up: JIT, first connections; a peer that fails here stops the run
            foreach (var peer in peers)
            {
                long bytes = peer.Big(server.BigUrl, server.Ca);
                if (peer.Small(server.SmallUrl, 200, server.Ca) != 200) throw new InvalidOperationException($"{peer.Name} failed small GETs from {server.Name}");
                best[(server.Name, peer.Name)] = new Best { BigBytes = bytes };
            }

        for (int round = 0; round < rounds; round++)
            foreach (var server in servers)
                foreach (var peer in peers)
                    Measure(server, peer, best[(server.Name, peer.Name)]);

        Print(servers, peers, best);
        return 0;
    }

    private static void Measure(Server server, Peer peer, Best best)
    {
        var (client0, server0, clock) = (ClientCpu(), server.Cpu?.Invoke(), Stopwatch.StartNew());
        for (int i = 0; i < BigRepeat; i++)
        {
            long got = peer.Big(server.BigUrl, server.Ca);
            if (got != best.BigBytes) throw new InvalidOperationException($"{peer.Name} from {server.Name}: {got} of {best.BigBytes} bytes");
        }
        double gb = BigRepeat * best.BigBytes / 1e9;
        best.BigSeconds = Math.Min(best.BigSeconds, clock.Elapsed.TotalSeconds / BigRepeat);
        best.BigClientCpu = Math.Min(best.BigClientCpu, (ClientCpu() - client0).TotalSeconds / gb);
        if (server0 is { } s0) best.BigServerCpu = Math.Min(best.BigServerCpu, (server.Cpu!() - s0).TotalSeconds / gb);

        (client0, server0) = (ClientCpu(), server.Cpu?.Invoke());
        clock.Restart();
        int ok = peer.Small(server.SmallUrl, KeepAliveRequests, server.Ca);
        if (ok != KeepAliveRequests) throw new InvalidOperationException($"{peer.Name} from {server.Name}: {ok} of {KeepAliveRequests} GETs");
        best.SmallSeconds = Math.Min(best.SmallSeconds, clock.Elapsed.TotalSeconds);
        best.SmallClientCpu = Math.Min(best.SmallClientCpu, (ClientCpu() - client0).TotalMicroseconds / KeepAliveRequests);
        if (server0 is { } s1) best.SmallServerCpu = Math.Min(best.SmallServerCpu, (server.Cpu!() - s1).TotalMicroseconds / KeepAliveRequests);
    }

    private static void Print(List<Server> servers, List<Peer> peers, Dictionary<(string, string), Best> best)
    {
        Console.WriteLine($"{"server",-12}{"peer",-18}{"big GB/s",9}{"client s/GB",13}{"server s/GB",13}{"req/s",9}{"client us",11}{"server us",11}");
        foreach (var server in servers)
            foreach (var peer in peers)
            {
                var b = best[(server.Name, peer.Name)];
                Console.WriteLine($"{server.Name,-12}{peer.Name,-18}{b.BigBytes / b.BigSeconds / 1e9,9:F2}{b.BigClientCpu,13:F3}{Text(b.BigServerCpu, "F3"),13}" +
                    $"{KeepAliveRequests / b.SmallSeconds,9:F0}{b.SmallClientCpu,11:F1}{Text(b.SmallServerCpu, "F1"),11}");
            }
        foreach (var server in servers)
        {
            string Ratio(string me, string peer, bool big)
            {
                if (!best.TryGetValue((server.Name, peer), out var p)) return "-";
                var m = best[(server.Name, me)];
                return big ? $"{p.BigSeconds / m.BigSeconds:F2}x" : $"{p.SmallSeconds / m.SmallSeconds:F2}x";
            }
            Console.WriteLine($"{server.Name}: big {Ratio("curlew", "HttpClient", true)} HttpClient, {Ratio("curlew", "libcurl", true)} libcurl; " +
                $"async big {Ratio("curlew async", "HttpClient", true)} HttpClient; keep-alive {Ratio("curlew", "HttpClient", false)} HttpClient, " +
                $"{Ratio("curlew", "libcurl", false)} libcurl; async: big {Ratio("curlew async", "HttpClient async", true)}, " +
                $"keep-alive {Ratio("curlew async", "HttpClient async", false)} HttpClient async");
        }
    }

    private static string Text(double value, string format) => value == double.MaxValue ? "-" : value.ToString(format);

    private static TimeSpan ClientCpu() => Process.GetCurrentProcess().TotalProcessorTime;

    private static long CurlewDownload(string url, string? ca, bool async)
    {
        long total = 0;
        using var easy = new CurlEasy { Url = url };
        if (ca is not null) easy.SetOpt(CurlOption.CaInfo, ca);
        easy.WriteFunction = (data, _) => { total += data.Length; return data.Length; };
        var rc = async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform();
        return rc == CurlCode.Ok ? total : throw new InvalidOperationException($"Curlew: {rc} {easy.ErrorMessage}");
    }

    private static int CurlewMany(string url, int count, string? ca, bool async)
    {
        using var easy = new CurlEasy { Url = url };
        if (ca is not null) easy.SetOpt(CurlOption.CaInfo, ca);
        easy.WriteFunction = (data, _) => data.Length;
        int ok = 0;
        for (int i = 0; i < count; i++)
            if ((async ? easy.PerformAsync().GetAwaiter().GetResult() : easy.Perform()) == CurlCode.Ok) ok++;
        return ok;
    }

    /// <summary>
    /// The asynchronous peers are compared with each other, each awaiting its requests in one asynchronous loop as an
    /// application would (not blocking on every request: that measures the wait, not the transfer).
    /// </summary>
    private static async Task<int> CurlewManyAsync(string url, int count, string? ca)
    {
        using var easy = new CurlEasy { Url = url };
        if (ca is not null) easy.SetOpt(CurlOption.CaInfo, ca);
        easy.WriteFunction = (data, _) => data.Length;
        int ok = 0;
        for (int i = 0; i < count; i++)
            if (await easy.PerformAsync() == CurlCode.Ok) ok++;
        return ok;
    }

    private static async Task<long> HttpClientDownloadAsync(HttpClient client, string url)
    {
        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = await body.ReadAsync(buffer)) > 0;) total += n;
        return total;
    }

    private static async Task<int> HttpClientManyAsync(HttpClient client, string url, int count)
    {
        var buffer = new byte[4096];
        int ok = 0;
        for (int i = 0; i < count; i++)
        {
            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            await using var body = await response.Content.ReadAsStreamAsync();
            while (await body.ReadAsync(buffer) > 0) { }
            if (response.IsSuccessStatusCode) ok++;
        }
        return ok;
    }

    private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

    private static long HttpClientDownload(HttpClient client, string url)
    {
        using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        using var body = response.Content.ReadAsStream();
        var buffer = new byte[64 * 1024];
        long total = 0;
        for (int n; (n = body.Read(buffer)) > 0;) total += n;
        return total;
    }

    private static int HttpClientMany(HttpClient client, string url, int count)
    {
        var buffer = new byte[4096];
        int ok = 0;
        for (int i = 0; i < count; i++)
        {
            using var response = client.Send(new HttpRequestMessage(HttpMethod.Get, url), HttpCompletionOption.ResponseHeadersRead);
            using var body = response.Content.ReadAsStream();
            while (body.Read(buffer) > 0) { }
            if (response.IsSuccessStatusCode) ok++;
        }
        return ok;
    }
}
