namespace Curlew.Connect;

/// <summary>
/// Where a connection goes and how, as one value; equal routes may share a connection, so it is the pool's key.
/// Everything that makes a connection unfit for another transfer is in it: the origin (scheme, host, port), the place
/// actually connected to after ConnectTo and Resolve rules, the Unix socket, the TLS settings (TLS routes only), the
/// proxy hop, and the login for protocols that bind one to a connection (FTP; null for HTTP).
/// </summary>
/// <remarks>Value equality over strings and small values: comparing two routes allocates nothing.</remarks>
internal sealed record Route(string Scheme, string Host, int Port, string? ZoneId, string ConnectHost, int ConnectPort,
    string? UnixSocketPath, TlsSettings? Tls, RouteProxy Proxy, string? Login)
{
    /// <summary>Whether the connection carries TLS end to end (https, ftps).</summary>
    public bool UsesTls => Tls is not null;

    /// <summary>
    /// TLS comes later on the open connection, not from the first byte (FTP's AUTH TLS, FTPS data after PROT P): no TLS
    /// layer is stacked when the connection is built. Part of the key, so a clear FTP control connection never serves
    /// an FTPS transfer or the other way round.
    /// </summary>
    public bool StartsTls { get; init; }

    /// <summary>
    /// The SSRF guard the connection was judged by (null = none). Part of the key, compared by reference, so a
    /// connection made without a guard, or under another one, never serves a guarded transfer.
    /// </summary>
    public SsrfGuard? Guard { get; init; }
}
