using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;

namespace Curlew.Tests.Differential;

/// <summary>
/// The real servers every differential case runs against, started once per test process and shared (each case
/// makes its own connections; nothing here keeps per-case state). Both engines hit the same server in one case.
/// Everything here is stopped by <see cref="TestRunCleanup"/> when the run ends.
/// </summary>
public sealed class DiffServers
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static DiffServers? _instance;
    private readonly ConcurrentDictionary<string, ThreadedFaultServer> _faults = new();
    private readonly ConcurrentBag<ThreadedFaultServer> _privateFaults = [];
    private readonly SemaphoreSlim _nginxGate = new(1, 1);
    private NginxServer? _nginx;
    private DiffUnixServer? _unix;
    private VsftpdServer? _vsftpd;

    private DiffServers(KestrelTestServer kestrel, KestrelTestServer second, KestrelTestServer? dual)
    {
        Kestrel = kestrel;
        Second = second;
        DualStack = dual;
    }

    /// <summary>Kestrel on 127.0.0.1 only (so 127.0.0.2 on the same port is refused).</summary>
    public KestrelTestServer Kestrel { get; }

    /// <summary>Another Kestrel on 127.0.0.1, a different port: a second "host" for cache tests.</summary>
    public KestrelTestServer Second { get; }

    /// <summary>Kestrel on 127.0.0.1 and [::1], or null when this machine has no IPv6 loopback.</summary>
    public KestrelTestServer? DualStack { get; }

    public int Port => Kestrel.Port;
    public string BaseUrl => Kestrel.BaseUrl;

    public static async Task<DiffServers> GetAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_instance is not null) return _instance;
            var kestrel = await KestrelTestServer.StartAsync();
            var second = await KestrelTestServer.StartAsync();
            KestrelTestServer? dual = null;
            if (Socket.OSSupportsIPv6 && HasIPv6Loopback())
                dual = await KestrelTestServer.StartAsync(alsoIPv6: true);
            _instance = new DiffServers(kestrel, second, dual);
            TestRunCleanup.Register("the differential servers", _instance.StopAsync);
            return _instance;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static DiffServers Get() => GetAsync().GetAwaiter().GetResult();

    /// <summary>nginx, started on first use.</summary>
    public NginxServer Nginx
    {
        get
        {
            _nginxGate.Wait();
            try
            {
                return _nginx ??= NginxServer.StartAsync().GetAwaiter().GetResult();
            }
            finally
            {
                _nginxGate.Release();
            }
        }
    }

    /// <summary>Kestrel on a Unix domain socket, started on first use.</summary>
    public DiffUnixServer Unix
    {
        get
        {
            _nginxGate.Wait();
            try
            {
                return _unix ??= DiffUnixServer.StartAsync().GetAwaiter().GetResult();
            }
            finally
            {
                _nginxGate.Release();
            }
        }
    }

    /// <summary>vsftpd, started on first use.</summary>
    public VsftpdServer Vsftpd
    {
        get
        {
            _nginxGate.Wait();
            try
            {
                return _vsftpd ??= VsftpdServer.StartAsync().GetAwaiter().GetResult();
            }
            finally
            {
                _nginxGate.Release();
            }
        }
    }

    /// <summary>A raw fault server running <paramref name="script"/>, one per <paramref name="name"/>.</summary>
    public ThreadedFaultServer Fault(string name, Action<Socket> script) =>
        _faults.GetOrAdd(name, _ => ThreadedFaultServer.Start(script));

    /// <summary>
    /// A raw fault server of its own running <paramref name="script"/>, for a case whose server keeps state the case
    /// waits on (one per call; stopped with the others when the run ends).
    /// </summary>
    public ThreadedFaultServer PrivateFault(Action<Socket> script)
    {
        var server = ThreadedFaultServer.Start(script);
        _privateFaults.Add(server);
        return server;
    }

    private async ValueTask StopAsync()
    {
        foreach (var fault in _faults.Values.Concat(_privateFaults)) fault.Dispose();
        if (_nginx is not null) await _nginx.DisposeAsync();
        if (_unix is not null) await _unix.DisposeAsync();
        if (_vsftpd is not null) await _vsftpd.DisposeAsync();
        if (DualStack is not null) await DualStack.DisposeAsync();
        await Second.DisposeAsync();
        await Kestrel.DisposeAsync();
    }

    /// <summary>A loopback port that refuses connections: held bound, never listening, for the rest of the run.</summary>
    public static int DeadPort() => LoopbackPort.Closed();

    private static bool HasIPv6Loopback()
    {
        try
        {
            using var probe = new TcpListener(IPAddress.IPv6Loopback, 0);
            probe.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
