namespace Curlew.Connect;

/// <summary>
/// The limits a multi handle puts on the connection pool its transfers share (libcurl's CURLMOPT_MAX_HOST_CONNECTIONS,
/// CURLMOPT_MAX_TOTAL_CONNECTIONS and CURLMOPT_MAXCONNECTS), and how many handles it holds (the default cache size
/// grows with them). The owner changes them at any time; the pool reads them at each decision, as libcurl does.
/// </summary>
internal sealed class ConnectionLimits
{
    private long _maxHost, _maxTotal, _maxConnects = -1;
    private int _members;

    /// <summary>Open connections allowed per host (host name and port; the proxy's for a forwarding HTTP proxy); 0 or less = no limit.</summary>
    public long MaxHostConnections { get => Volatile.Read(ref _maxHost); set => Volatile.Write(ref _maxHost, value); }

    /// <summary>Open connections allowed in all; 0 or less = no limit.</summary>
    public long MaxTotalConnections { get => Volatile.Read(ref _maxTotal); set => Volatile.Write(ref _maxTotal, value); }

    /// <summary>Connections kept after use; negative = four per member handle (libcurl's default), 0 = no limit.</summary>
    public long MaxConnects { get => Volatile.Read(ref _maxConnects); set => Volatile.Write(ref _maxConnects, value); }

    /// <summary>Handles the owner holds now.</summary>
    public int Members { get => Volatile.Read(ref _members); set => Volatile.Write(ref _members, value); }

    /// <summary>How many open connections (busy and idle) the pool may hold after a transfer gives one back; 0 = no limit.</summary>
    public long CacheLimit => MaxConnects < 0 ? 4L * Members : MaxConnects;
}
