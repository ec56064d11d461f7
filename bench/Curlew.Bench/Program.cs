using BenchmarkDotNet.Running;
using Curlew.Bench;

// Measurements that guide speed work (issue 15); none is run by the tests.
//   alloc URL [requests]        managed bytes per keep-alive GET (Perform and PerformAsync), with the top allocating types
//   download URL [sync|async] [rounds] [fresh]   downloads to a counting write callback: bytes, wall time and process CPU per round (fresh: a new connection each)
//   keepalive URL [sync|async|awaited|httpclient|httpclient-awaited] [requests] [rounds]   CPU us, req/s and managed bytes per keep-alive GET (to profile against)
//   fresh URL [transfers] [rounds]   GETs each on a new connection, without and with open/close socket callbacks: their cost
//   stream URL [sync|async|httpclient|raw]  one long download (10 GiB) dropped by the write callback: throughput and peak RSS (VmHWM); raw: a bare socket/SslStream, the runtime's floor
//   handler URL [requests] [rounds] [bigURL]   HttpClient over CurlHttpHandler vs SocketsHttpHandler: small GETs (req/s, CPU us, B/req), big downloads (GB/s, CPU s/GB)
//   readpatterns URL rounds read:lowat:rcvbuf...   plain-socket big-body reads, settings in KiB interleaved (no Curlew)
//   upload [bytes]              managed bytes per 64 KiB piece of an asynchronous upload (the early-answer watch)
//   e2e [rounds] [nginxBase] [nginxTlsBase]   end to end: Curlew (Perform, PerformAsync), HttpClient and libcurl against
//                               Kestrel (a child process, HTTP and TLS) and nginx (base URLs serving big.bin and small.txt;
//                               CURLEW_BENCH_CAINFO for its TLS one): big downloads, keep-alive GETs, ratios
//   anything else               BenchmarkDotNet for the hot-path pieces (head parsing, chunked decoding, request writing)
// CURLEW_BENCH_NOSPIN=1 sets the AppContext switch Curlew.DisableReceiveSpin (a receive then blocks or goes asynchronous at once).
if (Environment.GetEnvironmentVariable("CURLEW_BENCH_NOSPIN") is "1") AppContext.SetSwitch("Curlew.DisableReceiveSpin", true);
// CURLEW_BENCH_NOWIDEN=1 sets Curlew.DisableReceiveWindowWidening (long bodies keep the kernel's autotuned buffer).
if (Environment.GetEnvironmentVariable("CURLEW_BENCH_NOWIDEN") is "1") AppContext.SetSwitch("Curlew.DisableReceiveWindowWidening", true);
return args.FirstOrDefault() switch
{
    "alloc" => KeepAliveAllocations.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 10_000),
    "keepalive" => KeepAliveCpu.Run(args[1], args.Length > 2 ? args[2] : "sync", args.Length > 3 ? int.Parse(args[3]) : 10_000, args.Length > 4 ? int.Parse(args[4]) : 3),
    "fresh" => FreshConnections.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 2_000, args.Length > 3 ? int.Parse(args[3]) : 3),
    "stream" when args.Length > 2 && args[2] == "httpclient" => LongStream.RunHttpClient(args[1]),
    "stream" when args.Length > 2 && args[2] == "raw" => LongStream.RunRaw(args[1]),
    "stream" => LongStream.Run(args[1], args.Length > 2 && args[2] == "async"),
    "handler" => HandlerSpeed.Run(args[1], args.Length > 2 ? int.Parse(args[2]) : 10_000, args.Length > 3 ? int.Parse(args[3]) : 3, args.Length > 4 ? args[4] : null),
    "upload" => UploadAllocations.Run(args.Length > 1 ? long.Parse(args[1]) : 64L * 1024 * 1024),
    "readpatterns" => ReadPatterns.Run(args[1], int.Parse(args[2]), args[3..]),
    "e2e" => EndToEnd.Run(args.Length > 1 ? int.Parse(args[1]) : 3, args.Length > 2 ? args[2] : null, args.Length > 3 ? args[3] : null),
    "kestrel-serve" => KestrelServer.Serve(),
    "download" => BigDownload.Run(args[1], args.Length > 2 && args[2] == "async", args.Length > 3 ? int.Parse(args[3]) : 3, args.Length > 4 && args[4] == "fresh"),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    BenchmarkSwitcher.FromAssembly(typeof(KeepAliveAllocations).Assembly).Run(args);
    return 0;
}
