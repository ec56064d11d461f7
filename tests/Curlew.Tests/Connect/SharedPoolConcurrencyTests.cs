using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>
/// Many handles on many threads sharing one pool: every transfer succeeds, each connection serves one transfer at a
/// time, the pool stays bounded and every socket is closed exactly once by the handle that opened it.
/// </summary>
[Collection("nginx")]
public sealed class SharedPoolConcurrencyTests(NginxFixture nginx)
{
    private const int Handles = 8, TransfersEach = 200;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Eight_handles_on_eight_threads_share_one_pool_without_a_failure_or_a_leaked_socket(bool mixAsync)
    {
        var share = new CurlShare();
        Assert.Equal(CurlShCode.Ok, share.Share(CurlLockData.Connect));
        var handles = new CurlEasy[Handles];
        var ledgers = new CallbackLedger[Handles];
        var connects = new long[Handles];
        var inUse = new System.Collections.Concurrent.ConcurrentDictionary<long, int>();   // local port -> handle using it now
        var holding = new long[Handles];
        var received = new long[Handles];
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        for (int i = 0; i < Handles; i++)
        {
            handles[i] = new CurlEasy { Url = nginx.Server.BaseUrl + "/small.txt", Share = share, MaxConnects = Handles };
            ledgers[i] = new CallbackLedger().Install(handles[i]);
            var easy = handles[i];
            int h = i;
            // One transfer at a time per connection: from the status line to the last body byte a transfer reads its
            // connection, and no other transfer may be reading the same one (known by its local port) meanwhile.
            easy.HeaderFunction = (line, _) =>
            {
                if (!line.StartsWith("HTTP/"u8)) return line.Length;
                long port = easy.GetInfoLong(CurlInfo.LocalPort);
                if (!inUse.TryAdd(port, h)) failures.Enqueue($"handle {h} reads the connection from local port {port} while handle {inUse.GetValueOrDefault(port)} does");
                holding[h] = port;
                received[h] = 0;
                return line.Length;
            };
            easy.WriteFunction = (data, _) =>
            {
                received[h] += data.Length;
                if (received[h] == NginxServer.SmallText.Length)
                {
                    inUse.TryRemove(holding[h], out int _);
                    holding[h] = 0;
                }
                return data.Length;
            };
        }

        var workers = Enumerable.Range(0, Handles).Select(h => Task.Factory.StartNew(async () =>
        {
            var easy = handles[h];
            for (int n = 0; n < TransfersEach; n++)
            {
                var code = mixAsync && n % 2 == 1 ? await easy.PerformAsync() : easy.Perform();
                if (received[h] != NginxServer.SmallText.Length) failures.Enqueue($"handle {h} transfer {n}: {received[h]} body bytes");
                if (code != CurlCode.Ok) failures.Enqueue($"handle {h} transfer {n}: {code} {easy.ErrorMessage}");
                connects[h] += easy.GetInfoLong(CurlInfo.NumConnects);
            }
        }, TaskCreationOptions.LongRunning).Unwrap()).ToArray();
        var all = Task.WhenAll(workers);
        Assert.True(await Task.WhenAny(all, Task.Delay(TimeSpan.FromMinutes(3))) == all, "the transfers did not finish in 3 minutes");
        await all;

        Assert.True(failures.IsEmpty, string.Join("\n", failures.Take(20)));
        Assert.True(inUse.IsEmpty, "a transfer's connection was still marked in use after its body arrived");
        long opened = ledgers.Sum(l => l.Opens.Count);
        Assert.Equal(opened, connects.Sum());                      // NumConnects counts exactly the new connections
        Assert.InRange(opened, 1, Handles * 4);                    // shared and reused, not one per transfer
        Assert.InRange(share.IdleConnections, 1, Handles);         // bounded by MaxConnects
        foreach (var easy in handles) easy.Dispose();
        share.Dispose();
        Assert.Equal(0, share.IdleConnections);
        foreach (var ledger in ledgers) ledger.AssertBalanced();
    }
}
