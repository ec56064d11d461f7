using System.Net;
using System.Net.Sockets;

namespace Curlew.Connect.Tcp;

/// <summary>
/// Turns a host name into the addresses to try, in the order to try them: pinned <c>Resolve</c> entries first, IP
/// literals as they are, otherwise the system resolver. Like libcurl's connection attempts, addresses of the first
/// family come first and the other family after, each in resolver order. A lookup is bounded by <c>TimeoutMs</c> and
/// by the connect timeout (libcurl counts name resolution as part of connecting), also in synchronous transfers.
/// </summary>
internal sealed class HostResolver(ResolveEntries pins, long ipResolve, long connectTimeoutMs = 0,
    Func<string, CancellationToken, Task<IPAddress[]>>? lookUp = null)
{
    private const long DefaultConnectTimeoutMs = 300_000;   // libcurl's default
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _lookUp = lookUp ?? Dns.GetHostAddressesAsync;

    public async ValueTask<IPAddress[]> ResolveAsync(string host, string? zoneId, int port, IoContext io)
    {
        IPAddress[] found;
        if (pins.TryGet(host, port, out var pinned)) found = pinned;
        else if (IPAddress.TryParse(zoneId is null ? host : $"{host}%{zoneId}", out var literal)) found = [literal];
        else found = await LookUpAsync(host, io).ConfigureAwait(false);

        var ordered = OrderForAttempts(found);
        if (ordered.Length == 0)
            throw new CurlException(CurlCode.CouldntResolveHost, $"Could not resolve host: {host}");
        return ordered;
    }

    private async ValueTask<IPAddress[]> LookUpAsync(string host, IoContext io)
    {
        int remaining = io.RemainingMs;
        int limitMs = (int)Math.Min(connectTimeoutMs > 0 ? connectTimeoutMs : DefaultConnectTimeoutMs,
            remaining == Timeout.Infinite ? int.MaxValue : remaining);
        using var bound = io.Token.CanBeCanceled ? CancellationTokenSource.CreateLinkedTokenSource(io.Token) : new CancellationTokenSource();
        bound.CancelAfter(limitMs);
        try
        {
            var lookUp = _lookUp(host, bound.Token);
            if (!io.Synchronous) return await lookUp.WaitAsync(bound.Token).ConfigureAwait(false);
            // The system resolver cannot be given a deadline, so a synchronous transfer waits for it only so long; the
            // waiting thread is still the caller's.
            if (!((IAsyncResult)lookUp).AsyncWaitHandle.WaitOne(limitMs))
            {
                bound.Cancel();
                throw io.TimedOut();
            }
            return lookUp.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException ex) when (io.Token.IsCancellationRequested) { throw io.Interrupted(ex); }
        catch (OperationCanceledException) { throw io.TimedOut(); }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            throw new CurlException(CurlCode.CouldntResolveHost, $"Could not resolve host: {host}", ex);
        }
    }

    private IPAddress[] OrderForAttempts(IPAddress[] addresses)
    {
        var wanted = new List<IPAddress>(addresses.Length);
        foreach (var a in addresses)
        {
            if (ipResolve == 1 && a.AddressFamily != AddressFamily.InterNetwork) continue;
            if (ipResolve == 2 && a.AddressFamily != AddressFamily.InterNetworkV6) continue;
            wanted.Add(a);
        }
        if (wanted.Count < 2) return [.. wanted];
        var first = wanted[0].AddressFamily;
        var result = new List<IPAddress>(wanted.Count);
        foreach (var a in wanted) if (a.AddressFamily == first) result.Add(a);
        foreach (var a in wanted) if (a.AddressFamily != first) result.Add(a);
        return [.. result];
    }
}
