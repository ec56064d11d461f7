using Curlew.Connect;
using Curlew.Sockets;

namespace Curlew;

/// <summary>
/// Data shared between easy handles (libcurl's share interface, <c>curl_share_*</c>). Pick what to share with
/// <see cref="SetOpt"/> or <see cref="Share"/>, then attach it to handles with <see cref="CurlEasy.Share"/>
/// (CURLOPT_SHARE). What each kind does in Curlew:
/// <list type="bullet">
/// <item><see cref="CurlLockData.Connect"/>: one connection pool for every attached handle. A transfer on any of them
/// reuses an idle connection another one left, when the route (host, port, proxy, TLS settings, FTP login) matches.
/// A connection keeps the close-socket callback of the handle that opened it, and that callback hears its close,
/// exactly once, whoever closes it (eviction, MaxAgeConn, the share's end), even after the opening handle was disposed.</item>
/// <item><see cref="CurlLockData.Dns"/> and <see cref="CurlLockData.SslSession"/>: accepted, with nothing to share:
/// Curlew keeps no resolve cache, and .NET's TLS layer already resumes sessions for the whole process.</item>
/// <item><see cref="CurlLockData.Cookie"/>, <see cref="CurlLockData.Psl"/>, <see cref="CurlLockData.Hsts"/>:
/// <see cref="CurlShCode.NotBuiltIn"/>, as Curlew has none of those engines.</item>
/// </list>
/// Thread-safe: handles attached to one share may run on different threads at once, and Curlew does the locking, so
/// the lock callbacks are accepted for portability but never called. As in libcurl, the options cannot change while a
/// handle is attached (<see cref="CurlShCode.InUse"/>).
/// </summary>
public sealed class CurlShare : IDisposable
{
    private readonly Lock _gate = new();
    private int _shared;               // bit (1 << CurlLockData) per kind being shared
    private int _attached;             // handles that have this share set (libcurl's "dirty" count)
    private bool _ended;               // cleaned up, or disposed: no new handles, no options
    private ConnectionPool? _pool;     // while CONNECT is shared

    /// <summary>
    /// Sets an option (<c>curl_share_setopt</c>). <see cref="CurlShOption.Share"/> and <see cref="CurlShOption.Unshare"/>
    /// take a <see cref="CurlLockData"/> (or its number); the lock options take a <see cref="CurlLockCallback"/> or
    /// <see cref="CurlUnlockCallback"/> (or null); <see cref="CurlShOption.UserData"/> any object. Returns
    /// <see cref="CurlShCode.InUse"/> while a handle is attached, <see cref="CurlShCode.Invalid"/> after
    /// <see cref="Cleanup"/> or <see cref="Dispose"/>, <see cref="CurlShCode.BadOption"/> for an unknown option, an
    /// unknown kind of data or a value of the wrong type, and <see cref="CurlShCode.NotBuiltIn"/> for cookies, PSL and HSTS.
    /// Never throws.
    /// </summary>
    public CurlShCode SetOpt(CurlShOption option, object? value)
    {
        ConnectionPool? dropped = null;
        CurlShCode code;
        lock (_gate) code = Apply(option, value, ref dropped);
        dropped?.CloseAll();   // outside the lock: closing may wait for goodbyes (FTP's QUIT)
        return code;
    }

    private CurlShCode Apply(CurlShOption option, object? value, ref ConnectionPool? dropped)
    {
        if (_ended) return CurlShCode.Invalid;
        if (_attached > 0) return CurlShCode.InUse;
        switch (option)
        {
            case CurlShOption.Share:
            case CurlShOption.Unshare:
                if (!TryLockData(value, out var data)) return CurlShCode.BadOption;
                return option == CurlShOption.Share ? StartSharing(data) : StopSharing(data, ref dropped);
            case CurlShOption.LockFunc when value is null or CurlLockCallback:
                LockFunction = (CurlLockCallback?)value;
                return CurlShCode.Ok;
            case CurlShOption.UnlockFunc when value is null or CurlUnlockCallback:
                UnlockFunction = (CurlUnlockCallback?)value;
                return CurlShCode.Ok;
            case CurlShOption.UserData:
                UserData = value;
                return CurlShCode.Ok;
            default:
                return CurlShCode.BadOption;
        }
    }

    /// <summary>Starts sharing <paramref name="data"/> (<c>CURLSHOPT_SHARE</c>); the result as <see cref="SetOpt"/>.</summary>
    public CurlShCode Share(CurlLockData data) => SetOpt(CurlShOption.Share, data);

    /// <summary>Stops sharing <paramref name="data"/> (<c>CURLSHOPT_UNSHARE</c>); the result as <see cref="SetOpt"/>.</summary>
    public CurlShCode Unshare(CurlLockData data) => SetOpt(CurlShOption.Unshare, data);

    /// <summary>Whether <paramref name="data"/> is being shared. Default: nothing is.</summary>
    public bool IsShared(CurlLockData data)
    {
        lock (_gate) return data is >= CurlLockData.None and <= CurlLockData.Hsts && (_shared & (1 << (int)data)) != 0;
    }

    /// <summary>CURLSHOPT_LOCKFUNC as set; never called (Curlew locks the share itself). Default null.</summary>
    public CurlLockCallback? LockFunction { get; private set; }

    /// <summary>CURLSHOPT_UNLOCKFUNC as set; never called (Curlew locks the share itself). Default null.</summary>
    public CurlUnlockCallback? UnlockFunction { get; private set; }

    /// <summary>CURLSHOPT_USERDATA as set. Default null.</summary>
    public object? UserData { get; private set; }

    /// <summary>How many handles have this share set (CURLOPT_SHARE) right now.</summary>
    public int AttachedHandles { get { lock (_gate) return _attached; } }

    /// <summary>Idle connections in the shared pool right now (0 when CONNECT is not shared).</summary>
    public int IdleConnections => Volatile.Read(ref _pool)?.IdleCount ?? 0;

    /// <summary>
    /// Ends the share the libcurl way (<c>curl_share_cleanup</c>): <see cref="CurlShCode.InUse"/> (and nothing happens)
    /// while a handle is attached; otherwise closes every pooled connection (each through the close callback of the
    /// handle that opened it) and returns <see cref="CurlShCode.Ok"/>; <see cref="CurlShCode.Invalid"/> once ended.
    /// </summary>
    public CurlShCode Cleanup()
    {
        ConnectionPool? pool;
        lock (_gate)
        {
            if (_ended) return CurlShCode.Invalid;
            if (_attached > 0) return CurlShCode.InUse;
            _ended = true;
            pool = _pool;
        }
        pool?.CloseAll();
        return CurlShCode.Ok;
    }

    /// <summary>
    /// Ends the share and never throws. With no handle attached it is <see cref="Cleanup"/>. With handles attached
    /// (where <c>curl_share_cleanup</c> would refuse) the share takes no new handles or options from now on, the
    /// attached ones keep using it, and its pooled connections are closed when the last of them lets go (disposed,
    /// or its <see cref="CurlEasy.Share"/> set to something else). Calling it again does nothing.
    /// </summary>
    public void Dispose()
    {
        ConnectionPool? pool;
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            if (_attached > 0) return;   // the last Detach closes the pool
            pool = _pool;
        }
        pool?.CloseAll();
    }

    /// <summary>The text for <paramref name="code"/> (<c>curl_share_strerror</c>).</summary>
    public static string StrError(CurlShCode code) => code switch
    {
        CurlShCode.Ok => "No error",
        CurlShCode.BadOption => "Unknown share option",
        CurlShCode.InUse => "Share currently in use",
        CurlShCode.Invalid => "Invalid share handle",
        CurlShCode.NoMem => "Out of memory",
        CurlShCode.NotBuiltIn => "Feature not enabled in this library",
        _ => "CURLSHcode unknown",
    };

    /// <summary>Whether a handle may attach (the share has not ended).</summary>
    internal bool IsOpen { get { lock (_gate) return !_ended; } }

    /// <summary>Counts a handle in; false when the share has ended (the handle must not use it).</summary>
    internal bool Attach()
    {
        lock (_gate)
        {
            if (_ended) return false;
            _attached++;
            return true;
        }
    }

    /// <summary>Counts a handle out; the last one out of an ended share closes its pool.</summary>
    internal void Detach()
    {
        ConnectionPool? pool = null;
        lock (_gate)
        {
            if (_attached == 0) return;
            if (--_attached == 0 && _ended) pool = _pool;
        }
        pool?.CloseAll();
    }

    /// <summary>The shared connection pool, or null when CONNECT is not shared. Stable while a handle is attached.</summary>
    internal ConnectionPool? ConnectionPool => Volatile.Read(ref _pool);

    private CurlShCode StartSharing(CurlLockData data)
    {
        switch (data)
        {
            case CurlLockData.Connect:
                _pool ??= new ConnectionPool(new SocketLedger());   // sockets are recorded in their opener's ledger, not this one
                break;
            case CurlLockData.Dns or CurlLockData.SslSession:
                break;   // nothing to share (see the class remarks)
            case CurlLockData.Cookie or CurlLockData.Psl or CurlLockData.Hsts:
                return CurlShCode.NotBuiltIn;
            default:
                return CurlShCode.BadOption;   // NONE, SHARE and unknown numbers, as libcurl
        }
        _shared |= 1 << (int)data;
        return CurlShCode.Ok;
    }

    private CurlShCode StopSharing(CurlLockData data, ref ConnectionPool? dropped)
    {
        switch (data)
        {
            case CurlLockData.Connect:
                // No handle is attached, so nobody can take from the pool: what earlier handles left there is closed.
                dropped = _pool;
                _pool = null;
                break;
            case CurlLockData.Dns or CurlLockData.SslSession:
                break;
            case CurlLockData.Cookie or CurlLockData.Psl or CurlLockData.Hsts:
                return CurlShCode.NotBuiltIn;
            default:
                return CurlShCode.BadOption;
        }
        _shared &= ~(1 << (int)data);
        return CurlShCode.Ok;
    }

    private static bool TryLockData(object? value, out CurlLockData data)
    {
        data = CurlLockData.None;
        if (value is CurlLockData d) { data = d; return true; }
        if (value is int or long or short or byte)
        {
            long n = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            if (n is < int.MinValue or > int.MaxValue) return false;
            data = (CurlLockData)(int)n;
            return true;
        }
        return false;
    }
}
