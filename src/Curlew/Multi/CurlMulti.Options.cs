namespace Curlew;

// The multi handle's options: one judge (SetOpt) behind both ways in, as for the easy handle.
public sealed partial class CurlMulti
{
    private long _pipelining = 2;            // libcurl 7.88's default: CURLPIPE_MULTIPLEX
    private long _maxConcurrentStreams = 100;

    /// <summary>
    /// Sets an option (<c>curl_multi_setopt</c>); every option takes a whole number (int or long). Never throws:
    /// <see cref="CurlMCode.UnknownOption"/> for an option Curlew's multi does not have (the socket and timer callbacks
    /// of <c>curl_multi_socket_action</c> among them), <see cref="CurlMCode.BadFunctionArgument"/> for a value of another
    /// type or out of range, <see cref="CurlMCode.BadHandle"/> after <see cref="Dispose"/>,
    /// <see cref="CurlMCode.RecursiveApiCall"/> from a callback. A new limit applies to the next decision: lowering one
    /// closes nothing that is open, raising one lets pending transfers go on.
    /// </summary>
    public CurlMCode SetOpt(CurlMOption option, object? value)
    {
        if (IsEnded) return CurlMCode.BadHandle;
        if (InCallback) return CurlMCode.RecursiveApiCall;
        if (option is not (CurlMOption.Pipelining or CurlMOption.MaxConnects or CurlMOption.MaxHostConnections
            or CurlMOption.MaxTotalConnections or CurlMOption.MaxConcurrentStreams)) return CurlMCode.UnknownOption;
        if (!TryWholeNumber(value, out long n)) return CurlMCode.BadFunctionArgument;
        switch (option)
        {
            case CurlMOption.Pipelining:
                if (n is < 0 or > 3) return CurlMCode.BadFunctionArgument;   // CURLPIPE_NOTHING, HTTP1, MULTIPLEX, both
                _pipelining = n;
                break;
            case CurlMOption.MaxConnects:
                _limits.MaxConnects = n < 0 ? -1 : n;
                break;
            case CurlMOption.MaxHostConnections:
                _limits.MaxHostConnections = Math.Max(n, 0);
                break;
            case CurlMOption.MaxTotalConnections:
                _limits.MaxTotalConnections = Math.Max(n, 0);
                break;
            case CurlMOption.MaxConcurrentStreams:
                _maxConcurrentStreams = n < 1 ? 100 : n;   // libcurl's rule for a value below 1
                break;
        }
        _pool.LimitsChanged();
        return CurlMCode.Ok;
    }

    /// <summary>
    /// CURLMOPT_MAXCONNECTS: how many connections the cache keeps open after use, busy ones counted too; when a
    /// transfer gives one back beyond it, the longest-idle connection is closed. Default -1: four per handle in the
    /// multi (libcurl's default); 0 = no limit. The handles' own <see cref="CurlEasy.MaxConnects"/> does not apply in a multi.
    /// </summary>
    public long MaxConnects { get => _limits.MaxConnects; set => Set(CurlMOption.MaxConnects, value); }

    /// <summary>
    /// CURLMOPT_MAX_HOST_CONNECTIONS: open connections allowed to one host (name and port; a forwarding HTTP proxy
    /// counts as the host). A transfer that needs another one first closes an idle connection of that host if there
    /// is one, and otherwise waits (pending, counted as running) until one closes or is free to reuse; the wait counts
    /// against its <see cref="CurlEasy.TimeoutMs"/>. Default 0: no limit.
    /// </summary>
    public long MaxHostConnections { get => _limits.MaxHostConnections; set => Set(CurlMOption.MaxHostConnections, value); }

    /// <summary>
    /// CURLMOPT_MAX_TOTAL_CONNECTIONS: open connections allowed in all, busy and idle; beyond it a transfer first
    /// closes the longest-idle connection, else waits as for <see cref="MaxHostConnections"/>. Default 0: no limit.
    /// </summary>
    public long MaxTotalConnections { get => _limits.MaxTotalConnections; set => Set(CurlMOption.MaxTotalConnections, value); }

    /// <summary>
    /// CURLMOPT_PIPELINING: 0 (CURLPIPE_NOTHING) to 3 are accepted and change nothing: libcurl dropped HTTP/1.1
    /// pipelining (1) in 7.62, and multiplexing (2, the default) needs HTTP/2, which Curlew does not speak, so every
    /// transfer has a connection to itself. Other values are refused (libcurl ignores their unknown bits).
    /// </summary>
    public long Pipelining { get => _pipelining; set => Set(CurlMOption.Pipelining, value); }

    /// <summary>CURLMOPT_MAX_CONCURRENT_STREAMS: accepted with no effect (no HTTP/2); below 1 means 100, as in libcurl. Default 100.</summary>
    public long MaxConcurrentStreams { get => _maxConcurrentStreams; set => Set(CurlMOption.MaxConcurrentStreams, value); }

    private void Set(CurlMOption option, long value)
    {
        var code = SetOpt(option, value);
        if (code == CurlMCode.BadHandle) throw new ObjectDisposedException(nameof(CurlMulti));
        if (code == CurlMCode.BadFunctionArgument)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"{option} does not take {value}: {StrError(code)}");
        if (code != CurlMCode.Ok) throw new InvalidOperationException($"Setting {option}: {StrError(code)}");
    }

    private static bool TryWholeNumber(object? value, out long n)
    {
        switch (value)
        {
            case int i: n = i; return true;
            case long l: n = l; return true;
            case short s: n = s; return true;
            case byte b: n = b; return true;
            default: n = 0; return false;
        }
    }
}
