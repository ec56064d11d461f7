using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static Curlew.Tests.Differential.LibCurlNative;

namespace Curlew.Tests.Differential;

/// <summary>
/// A test-only managed wrapper of one real libcurl easy handle with recording socket callbacks. Its surface mirrors
/// Curlew's so one test body drives both (<see cref="IDiffEasy"/>). Options are applied at once (curl_easy_setopt);
/// lists and buffers handed to libcurl stay alive until <see cref="Dispose"/> (curl_easy_cleanup).
/// </summary>
public sealed unsafe class LibCurlEasy : IDiffEasy
{
    private readonly nint _handle;
    private readonly GCHandle _self;
    private readonly byte* _errorBuffer;
    private readonly SocketPolicy _policy;
    private readonly List<SockEvent> _events = [];
    private readonly Dictionary<int, (AddressFamily Family, string Ip, int Port, int Purpose)> _sockets = [];
    private readonly List<nint> _lists = [];
    private readonly List<nint> _buffers = [];
    private readonly MemoryStream _body = new();
    private readonly List<string> _headers = [];
    private int _opens, _sockopts;
    private bool _disposed;
    private UploadReader? _reader;
    private ProgressAnswer? _progress;

    /// <summary>Exceptions thrown inside callbacks (they cannot cross into native code); a test should expect none.</summary>
    public List<Exception> CallbackErrors { get; } = [];

    public LibCurlEasy(SocketPolicy? policy = null)
    {
        EnsureInitialized();
        _policy = policy ?? SocketPolicy.Default;
        _handle = curl_easy_init();
        if (_handle == 0) throw new InvalidOperationException("curl_easy_init returned NULL");
        _self = GCHandle.Alloc(this);
        _errorBuffer = (byte*)NativeMemory.AllocZeroed(CURL_ERROR_SIZE);
        var me = GCHandle.ToIntPtr(_self);

        Check(SetOptPtr(_handle, CURLOPT_ERRORBUFFER, (nint)_errorBuffer), "ERRORBUFFER");
        Check(SetOptLong(_handle, CURLOPT_NOSIGNAL, 1), "NOSIGNAL");
        Check(SetOptPtr(_handle, CURLOPT_WRITEFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnWrite), "WRITEFUNCTION");
        Check(SetOptPtr(_handle, CURLOPT_WRITEDATA, me), "WRITEDATA");
        Check(SetOptPtr(_handle, CURLOPT_HEADERFUNCTION, (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnHeader), "HEADERFUNCTION");
        Check(SetOptPtr(_handle, CURLOPT_HEADERDATA, me), "HEADERDATA");
        Check(SetOptPtr(_handle, CURLOPT_READDATA, me), "READDATA");
        Check(SetOptPtr(_handle, CURLOPT_XFERINFODATA, me), "XFERINFODATA");
        if (_policy.Install)
        {
            Check(SetOptPtr(_handle, CURLOPT_OPENSOCKETFUNCTION, (nint)(delegate* unmanaged[Cdecl]<nint, int, byte*, int>)&OnOpenSocket), "OPENSOCKETFUNCTION");
            Check(SetOptPtr(_handle, CURLOPT_OPENSOCKETDATA, me), "OPENSOCKETDATA");
            Check(SetOptPtr(_handle, CURLOPT_SOCKOPTFUNCTION, (nint)(delegate* unmanaged[Cdecl]<nint, int, int, int>)&OnSockOpt), "SOCKOPTFUNCTION");
            Check(SetOptPtr(_handle, CURLOPT_SOCKOPTDATA, me), "SOCKOPTDATA");
            Check(SetOptPtr(_handle, CURLOPT_CLOSESOCKETFUNCTION, (nint)(delegate* unmanaged[Cdecl]<nint, int, int>)&OnCloseSocket), "CLOSESOCKETFUNCTION");
            Check(SetOptPtr(_handle, CURLOPT_CLOSESOCKETDATA, me), "CLOSESOCKETDATA");
        }
    }

    public string Engine => "libcurl";

    /// <summary>The native CURL*, for curl_multi_add_handle and friends.</summary>
    internal nint Handle => _handle;

    public IReadOnlyList<SockEvent> Events { get { lock (_events) return [.. _events]; } }
    public byte[] Body { get { lock (_body) return _body.ToArray(); } }
    public IReadOnlyList<string> HeaderLines { get { lock (_headers) return [.. _headers]; } }

    public void ClearReceived()
    {
        lock (_body) _body.SetLength(0);
        lock (_headers) _headers.Clear();
    }

    public void Mark(string note) { lock (_events) _events.Add(SockEvent.Mark(note)); }

    // ---- options -------------------------------------------------------------------------------------------------
    public string? Url { set => Check(SetOptString(_handle, CURLOPT_URL, value), "URL"); }
    public IReadOnlyList<string>? Resolve { set => Check(SetOptPtr(_handle, CURLOPT_RESOLVE, MakeList(value)), "RESOLVE"); }
    public IReadOnlyList<string>? ConnectTo { set => Check(SetOptPtr(_handle, CURLOPT_CONNECT_TO, MakeList(value)), "CONNECT_TO"); }
    public string? UnixSocketPath { set => Check(SetOptString(_handle, CURLOPT_UNIX_SOCKET_PATH, value), "UNIX_SOCKET_PATH"); }
    public IReadOnlyList<string>? HttpHeader { set => Check(SetOptPtr(_handle, CURLOPT_HTTPHEADER, MakeList(value)), "HTTPHEADER"); }

    public byte[]? PostFields
    {
        set
        {
            if (value is null)
            {
                Check(SetOptPtr(_handle, CURLOPT_POSTFIELDS, 0), "POSTFIELDS");
                return;
            }
            var buffer = (byte*)NativeMemory.Alloc((nuint)Math.Max(1, value.Length));
            _buffers.Add((nint)buffer);
            value.CopyTo(new Span<byte>(buffer, value.Length));
            Check(SetOptLong(_handle, CURLOPT_POSTFIELDSIZE_LARGE, value.Length), "POSTFIELDSIZE_LARGE");
            Check(SetOptPtr(_handle, CURLOPT_POSTFIELDS, (nint)buffer), "POSTFIELDS");
        }
    }

    public bool Post { set => SetLong(CURLOPT_POST, value ? 1 : 0, "POST"); }
    public bool Upload { set => SetLong(CURLOPT_UPLOAD, value ? 1 : 0, "UPLOAD"); }
    public long InFileSize { set => SetLong(CURLOPT_INFILESIZE_LARGE, value, "INFILESIZE_LARGE"); }

    public UploadReader? Reader
    {
        set
        {
            _reader = value;
            Check(SetOptPtr(_handle, CURLOPT_READFUNCTION,
                value is null ? 0 : (nint)(delegate* unmanaged[Cdecl]<byte*, nuint, nuint, nint, nuint>)&OnRead), "READFUNCTION");
        }
    }

    public WriteAnswer? WriteAnswer { private get; set; }

    public ProgressAnswer? Progress
    {
        set
        {
            _progress = value;
            Check(SetOptPtr(_handle, CURLOPT_XFERINFOFUNCTION,
                value is null ? 0 : (nint)(delegate* unmanaged[Cdecl]<nint, long, long, long, long, int>)&OnProgress), "XFERINFOFUNCTION");
            SetLong(CURLOPT_NOPROGRESS, value is null ? 1 : 0, "NOPROGRESS");
        }
    }

    public string? CustomRequest { set => Check(SetOptString(_handle, CURLOPT_CUSTOMREQUEST, value), "CUSTOMREQUEST"); }
    public bool FollowLocation { set => SetLong(CURLOPT_FOLLOWLOCATION, value ? 1 : 0, "FOLLOWLOCATION"); }
    public long MaxRedirs { set => SetLong(CURLOPT_MAXREDIRS, value, "MAXREDIRS"); }
    public bool FailOnError { set => SetLong(CURLOPT_FAILONERROR, value ? 1 : 0, "FAILONERROR"); }
    public bool NoBody { set => SetLong(CURLOPT_NOBODY, value ? 1 : 0, "NOBODY"); }
    public string? Range { set => Check(SetOptString(_handle, CURLOPT_RANGE, value), "RANGE"); }
    public long ResumeFrom { set => SetLong(CURLOPT_RESUME_FROM_LARGE, value, "RESUME_FROM_LARGE"); }
    public long TimeoutMs { set => SetLong(CURLOPT_TIMEOUT_MS, value, "TIMEOUT_MS"); }
    public long ConnectTimeoutMs { set => SetLong(CURLOPT_CONNECTTIMEOUT_MS, value, "CONNECTTIMEOUT_MS"); }
    public void SetOption(CurlOption option, object? value)
    {
        int number = (int)option;
        if (value is string or null) Check(SetOptString(_handle, number, (string?)value), option.ToString());
        else SetLong(number, Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), option.ToString());
    }

    /// <summary>CURLOPT_SHARE with a native share handle (0 detaches); returns libcurl's code.</summary>
    public int SetShare(nint share) => SetOptPtr(_handle, CURLOPT_SHARE, share);

    public string? UserPwd { set => Check(SetOptString(_handle, CURLOPT_USERPWD, value), "USERPWD"); }
    public bool ForbidReuse { set => SetLong(CURLOPT_FORBID_REUSE, value ? 1 : 0, "FORBID_REUSE"); }
    public bool FreshConnect { set => SetLong(CURLOPT_FRESH_CONNECT, value ? 1 : 0, "FRESH_CONNECT"); }
    public long MaxConnects { set => SetLong(CURLOPT_MAXCONNECTS, value, "MAXCONNECTS"); }
    public string? FtpPort { set => Check(SetOptString(_handle, CURLOPT_FTPPORT, value), "FTPPORT"); }
    public bool FtpUseEpsv { set => SetLong(CURLOPT_FTP_USE_EPSV, value ? 1 : 0, "FTP_USE_EPSV"); }
    public bool FtpUseEprt { set => SetLong(CURLOPT_FTP_USE_EPRT, value ? 1 : 0, "FTP_USE_EPRT"); }
    public bool DirListOnly { set => SetLong(CURLOPT_DIRLISTONLY, value ? 1 : 0, "DIRLISTONLY"); }
    public bool Append { set => SetLong(CURLOPT_APPEND, value ? 1 : 0, "APPEND"); }
    public bool Filetime { set => SetLong(CURLOPT_FILETIME, value ? 1 : 0, "FILETIME"); }
    public long FtpFileMethod { set => SetLong(CURLOPT_FTP_FILEMETHOD, value, "FTP_FILEMETHOD"); }
    public long FtpCreateMissingDirs { set => SetLong(CURLOPT_FTP_CREATE_MISSING_DIRS, value, "FTP_CREATE_MISSING_DIRS"); }
    public IReadOnlyList<string>? Quote { set => Check(SetOptPtr(_handle, CURLOPT_QUOTE, MakeList(value)), "QUOTE"); }
    public IReadOnlyList<string>? PostQuote { set => Check(SetOptPtr(_handle, CURLOPT_POSTQUOTE, MakeList(value)), "POSTQUOTE"); }
    public bool Verbose { set => SetLong(CURLOPT_VERBOSE, value ? 1 : 0, "VERBOSE"); }

    // ---- perform and info ----------------------------------------------------------------------------------------
    public string? ErrorMessage { get; private set; }

    public int Perform()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _errorBuffer[0] = 0;
        var rc = curl_easy_perform(_handle);
        var text = Marshal.PtrToStringUTF8((nint)_errorBuffer);
        ErrorMessage = rc == 0 ? null : string.IsNullOrEmpty(text) ? StrError(rc) : text;
        return rc;
    }

    public long ResponseCode => InfoLong(CURLINFO_RESPONSE_CODE);
    public long NumConnects => InfoLong(CURLINFO_NUM_CONNECTS);
    public string? PrimaryIp => InfoString(CURLINFO_PRIMARY_IP);
    public long PrimaryPort => InfoLong(CURLINFO_PRIMARY_PORT);
    public string? EffectiveUrl => InfoString(CURLINFO_EFFECTIVE_URL);
    public long RedirectCount => InfoLong(CURLINFO_REDIRECT_COUNT);
    public string? ContentType => InfoString(CURLINFO_CONTENT_TYPE);
    public long SizeDownload => InfoLong(CURLINFO_SIZE_DOWNLOAD_T);
    public string? EffectiveMethod => InfoString(CURLINFO_EFFECTIVE_METHOD);

    private long InfoLong(int info)
    {
        // CURLINFO_LONG fills a C long, CURLINFO_OFF_T a curl_off_t: both 64-bit on x86-64 Linux.
        Check(GetInfoLong(_handle, info, out var value), $"getinfo 0x{info:x}");
        return value;
    }

    private string? InfoString(int info)
    {
        Check(GetInfoPtr(_handle, info, out var value), $"getinfo 0x{info:x}");
        return value == 0 ? null : Marshal.PtrToStringUTF8(value);
    }

    /// <summary>curl_easy_cleanup: cached connections are closed here (through the close callback).</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        curl_easy_cleanup(_handle);
        foreach (var list in _lists) curl_slist_free_all(list);
        foreach (var buffer in _buffers) NativeMemory.Free((void*)buffer);
        NativeMemory.Free(_errorBuffer);
        _self.Free();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------
    private void SetLong(int option, long value, string name) => Check(SetOptLong(_handle, option, value), name);

    private static void Check(int rc, string what)
    {
        if (rc != 0) throw new InvalidOperationException($"libcurl {what} failed: {rc} {StrError(rc)}");
    }

    private nint MakeList(IReadOnlyList<string>? items)
    {
        if (items is null) return 0;
        nint list = 0;
        foreach (var item in items)
        {
            var next = curl_slist_append(list, item);
            if (next == 0) throw new InvalidOperationException("curl_slist_append failed");
            list = next;
        }
        _lists.Add(list);
        return list;
    }

    private static LibCurlEasy From(nint clientp) => (LibCurlEasy)GCHandle.FromIntPtr(clientp).Target!;

    private void Fault(Exception ex)
    {
        lock (CallbackErrors) CallbackErrors.Add(ex);
    }

    // ---- native sockaddr ------------------------------------------------------------------------------------------
    /// <summary>Reads a sockaddr_in / sockaddr_in6 (network byte order) into an end point.</summary>
    internal static IPEndPoint? ReadSockAddr(byte* sa)
    {
        var family = *(ushort*)sa;
        var port = BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(sa + 2, 2));
        return family switch
        {
            AF_INET => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(sa + 4, 4)), port),
            AF_INET6 => new IPEndPoint(new IPAddress(new ReadOnlySpan<byte>(sa + 8, 16), *(uint*)(sa + 24)), port),
            _ => null,
        };
    }

    /// <summary>Writes <paramref name="endPoint"/> as a native sockaddr; returns its length.</summary>
    internal static int WriteSockAddr(IPEndPoint endPoint, byte* sa)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        var length = v6 ? 28 : 16;
        new Span<byte>(sa, length).Clear();
        *(ushort*)sa = (ushort)(v6 ? AF_INET6 : AF_INET);
        BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(sa + 2, 2), (ushort)endPoint.Port);
        if (v6)
        {
            endPoint.Address.TryWriteBytes(new Span<byte>(sa + 8, 16), out _);
            *(uint*)(sa + 24) = (uint)endPoint.Address.ScopeId;
        }
        else
        {
            endPoint.Address.TryWriteBytes(new Span<byte>(sa + 4, 4), out _);
        }
        return length;
    }

    internal static AddressFamily ToFamily(int nativeFamily) => nativeFamily switch
    {
        AF_INET => AddressFamily.InterNetwork,
        AF_INET6 => AddressFamily.InterNetworkV6,
        AF_UNIX => AddressFamily.Unix,
        _ => (AddressFamily)(-nativeFamily),
    };

    // ---- callbacks (native → managed; nothing may throw across) ------------------------------------------------
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnOpenSocket(nint clientp, int purpose, byte* address)
    {
        var self = From(clientp);
        try
        {
            return self.OpenSocket(purpose, address);
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return CURL_SOCKET_BAD;
        }
    }

    private int OpenSocket(int purpose, byte* address)
    {
        // struct curl_sockaddr { int family; int socktype; int protocol; unsigned int addrlen; struct sockaddr addr; }
        var family = *(int*)address;
        var sockTypeRaw = *(int*)(address + 4);
        var protocol = *(int*)(address + 8);
        var sa = address + 16;
        if (family == AF_UNIX) return OpenUnixSocket(purpose, sockTypeRaw, protocol, sa, *(uint*)(address + 12));
        var target = ReadSockAddr(sa) ?? throw new InvalidOperationException($"unexpected address family {family}");
        var index = _opens++;
        var masked = sockTypeRaw & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
        var open = new SockEvent(SockEventKind.Open, purpose, ToFamily(family), EndPointText.Ip(target.Address), target.Port,
            sockTypeRaw, masked, protocol);

        if (_policy.Refuse?.Invoke(index, target) == true)
        {
            lock (_events) _events.Add(open with { Note = "refused" });
            return CURL_SOCKET_BAD;
        }
        var rewritten = _policy.Rewrite?.Invoke(index, target);
        if (rewritten is not null)
        {
            var length = WriteSockAddr(rewritten, sa);
            *(int*)address = rewritten.AddressFamily == AddressFamily.InterNetworkV6 ? AF_INET6 : AF_INET;
            *(uint*)(address + 12) = (uint)length;
            family = *(int*)address;
            open = open with { Note = $"rewritten to {EndPointText.Ip(rewritten.Address)}:{rewritten.Port}" };
            target = rewritten;
        }
        lock (_events) _events.Add(open);

        var fd = socket(family, sockTypeRaw & ~SOCK_CLOEXEC, protocol);
        if (fd < 0) throw new InvalidOperationException($"socket() failed: errno {Marshal.GetLastPInvokeError()}");
        lock (_sockets) _sockets[fd] = (ToFamily(family), EndPointText.Ip(target.Address), target.Port, purpose);
        if (_policy.ConnectInOpen)
        {
            var rc = connect(fd, sa, *(uint*)(address + 12));
            if (rc != 0) Fault(new InvalidOperationException($"external connect() failed: errno {Marshal.GetLastPInvokeError()}"));
        }
        return fd;
    }

    /// <summary>
    /// A sockaddr_un: recorded with its path as the "address" and port 0, as Curlew's side records a
    /// <see cref="UnixDomainSocketEndPoint"/>. The IP-based policy hooks do not apply.
    /// </summary>
    private int OpenUnixSocket(int purpose, int sockTypeRaw, int protocol, byte* sa, uint addrLen)
    {
        _opens++;
        var pathBytes = new ReadOnlySpan<byte>(sa + 2, (int)Math.Max(0, Math.Min(addrLen, 110) - 2));
        var end = pathBytes.IndexOf((byte)0);
        var path = System.Text.Encoding.UTF8.GetString(end < 0 ? pathBytes : pathBytes[..end]);
        var masked = sockTypeRaw & ~(SOCK_CLOEXEC | SOCK_NONBLOCK);
        lock (_events)
            _events.Add(new SockEvent(SockEventKind.Open, purpose, AddressFamily.Unix, path, 0, sockTypeRaw, masked, protocol));
        var fd = socket(AF_UNIX, sockTypeRaw & ~SOCK_CLOEXEC, protocol);
        if (fd < 0) throw new InvalidOperationException($"socket(AF_UNIX) failed: errno {Marshal.GetLastPInvokeError()}");
        lock (_sockets) _sockets[fd] = (AddressFamily.Unix, path, 0, purpose);
        return fd;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnSockOpt(nint clientp, int fd, int purpose)
    {
        var self = From(clientp);
        try
        {
            var index = self._sockopts++;
            var answer = self._policy.SockOpt?.Invoke(index) ?? 0;
            var where = self.Lookup(fd);
            lock (self._events)
                self._events.Add(new SockEvent(SockEventKind.SockOpt, purpose, where.Family, where.Ip, where.Port,
                    Note: answer == 0 ? null : $"answer={answer}"));
            return answer;
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnCloseSocket(nint clientp, int fd)
    {
        var self = From(clientp);
        try
        {
            var where = self.Lookup(fd);
            lock (self._sockets) self._sockets.Remove(fd);
            lock (self._events)
                self._events.Add(new SockEvent(SockEventKind.Close, where.Purpose, where.Family, where.Ip, where.Port));
            close(fd);
            return 0;
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return 1;
        }
    }

    private (AddressFamily Family, string Ip, int Port, int Purpose) Lookup(int fd)
    {
        lock (_sockets)
            return _sockets.TryGetValue(fd, out var where) ? where : (AddressFamily.Unknown, "not-from-open", 0, -1);   // an accepted FTP data socket
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnWrite(byte* data, nuint size, nuint count, nint userdata)
    {
        var self = From(userdata);
        try
        {
            var length = checked((int)(size * count));
            long soFar;
            lock (self._body) soFar = self._body.Length;
            var answer = self.WriteAnswer?.Invoke(length, soFar) ?? length;
            if (answer == length)
                lock (self._body) self._body.Write(new ReadOnlySpan<byte>(data, length));
            return (nuint)answer;
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return 0;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnHeader(byte* data, nuint size, nuint count, nint userdata)
    {
        var self = From(userdata);
        var length = size * count;
        try
        {
            var line = System.Text.Encoding.Latin1.GetString(data, checked((int)length)).TrimEnd('\r', '\n');
            lock (self._headers) self._headers.Add(line);
        }
        catch (Exception ex)
        {
            self.Fault(ex);
        }
        return length;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static nuint OnRead(byte* buffer, nuint size, nuint count, nint userdata)
    {
        var self = From(userdata);
        try
        {
            var reader = self._reader;
            if (reader is null) return 0;
            var filled = reader(new Span<byte>(buffer, checked((int)(size * count))));
            return filled == IDiffEasy.ReadAbort ? CURL_READFUNC_ABORT : (nuint)filled;
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return CURL_READFUNC_ABORT;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnProgress(nint clientp, long dlTotal, long dlNow, long ulTotal, long ulNow)
    {
        var self = From(clientp);
        try
        {
            return self._progress?.Invoke(dlTotal, dlNow, ulTotal, ulNow) ?? 0;
        }
        catch (Exception ex)
        {
            self.Fault(ex);
            return 1;
        }
    }
}
