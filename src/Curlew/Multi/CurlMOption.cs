namespace Curlew;

/// <summary>Options of a multi handle (libcurl's <c>CURLMoption</c>, same numbers), set with <see cref="CurlMulti.SetOpt"/>.</summary>
public enum CurlMOption
{
    /// <summary>CURLMOPT_PIPELINING (a long): accepted with no effect, as Curlew speaks HTTP/1.1 only (see <see cref="CurlMulti.Pipelining"/>).</summary>
    Pipelining = 3,
    /// <summary>CURLMOPT_MAXCONNECTS (a long): connections kept after use (<see cref="CurlMulti.MaxConnects"/>).</summary>
    MaxConnects = 6,
    /// <summary>CURLMOPT_MAX_HOST_CONNECTIONS (a long): open connections per host (<see cref="CurlMulti.MaxHostConnections"/>).</summary>
    MaxHostConnections = 7,
    /// <summary>CURLMOPT_MAX_TOTAL_CONNECTIONS (a long): open connections in all (<see cref="CurlMulti.MaxTotalConnections"/>).</summary>
    MaxTotalConnections = 13,
    /// <summary>CURLMOPT_MAX_CONCURRENT_STREAMS (a long, 1 or more): accepted with no effect, as Curlew has no HTTP/2.</summary>
    MaxConcurrentStreams = 16,
}
