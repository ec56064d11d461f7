namespace Curlew.Connect;

/// <summary>What a cached connection can be reused for: same scheme, origin, actual target and route.</summary>
internal readonly record struct ConnectionKey(string Scheme, string Host, int Port, string ConnectHost, int ConnectPort, string? UnixSocketPath, string? Proxy);
