using System.Diagnostics;
using System.Net.Sockets;

namespace Curlew.Bench;

/// <summary>
/// What the socket lifecycle callbacks cost (issue 15's goal: under 5 %): many GETs, each on a new connection
/// (ForbidReuse, so every transfer connects and closes), once with no callbacks and once with an open callback that
/// creates the socket and a close callback that disposes it, in interleaved rounds so machine noise hits both alike.
/// Prints wall time and process CPU per transfer for each, and the best-of-rounds ratio.
/// </summary>
internal static class FreshConnections
{
    public static int Run(string url, int transfers, int rounds)
    {
        var best = new Dictionary<bool, (double Wall, double Cpu)>
        {
            [false] = (double.MaxValue, double.MaxValue),
            [true] = (double.MaxValue, double.MaxValue),
        };
        foreach (bool callbacks in new[] { false, true }) Many(url, callbacks, 200);   // JIT, caches
        for (int round = 0; round < rounds; round++)
            foreach (bool callbacks in new[] { false, true })
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                int opened = Many(url, callbacks, transfers);
                double wallUs = clock.Elapsed.TotalMicroseconds / transfers;
                double cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / transfers;
                Console.WriteLine($"{(callbacks ? "with callbacks" : "no callbacks"),-15} {wallUs,8:F1} us/transfer wall {cpuUs,8:F1} us CPU ({opened} sockets through the callbacks)");
                var (w, c) = best[callbacks];
                best[callbacks] = (Math.Min(w, wallUs), Math.Min(c, cpuUs));
            }
        Console.WriteLine($"callbacks cost (best of {rounds}): wall {Percent(best[true].Wall, best[false].Wall)}, CPU {Percent(best[true].Cpu, best[false].Cpu)}");
        return 0;
    }

    private static string Percent(double with, double without) => $"{(with / without - 1) * 100:+0.0;-0.0} %";

    // One handle, as a caller would keep it; ForbidReuse closes each connection after its transfer.
    private static int Many(string url, bool callbacks, int n)
    {
        int opened = 0, closed = 0;
        using (var easy = new CurlEasy { Url = url, ForbidReuse = true })
        {
            easy.WriteFunction = static (data, _) => data.Length;
            if (callbacks)
            {
                easy.OpenSocketFunction = (_, _, address) =>
                {
                    opened++;
                    return new Socket(address.Family, address.SocketType, address.Protocol);
                };
                easy.CloseSocketFunction = (_, socket) =>
                {
                    closed++;
                    socket.Dispose();
                    return 0;
                };
            }
            for (int i = 0; i < n; i++)
            {
                var rc = easy.Perform();
                if (rc != CurlCode.Ok) throw new InvalidOperationException($"transfer {i}: {rc} {easy.ErrorMessage}");
            }
        }
        if (opened != closed) throw new InvalidOperationException($"{opened} sockets opened but {closed} closed");
        return opened;
    }
}
