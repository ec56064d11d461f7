using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace Curlew.Tests.Differential;

/// <summary>
/// Curlew's side of the differential tests: a <see cref="CurlEasy"/> with the same recording socket callbacks,
/// the same <see cref="SocketPolicy"/> and the same record type as <see cref="LibCurlEasy"/>.
/// </summary>
public sealed class CurlewRecorder : IDiffEasy
{
    private readonly CurlEasy _easy = new();
    private readonly SocketPolicy _policy;
    private readonly List<SockEvent> _events = [];
    private readonly ConditionalWeakTable<Socket, Target> _sockets = [];
    private readonly MemoryStream _body = new();
    private readonly List<string> _headers = [];
    private readonly object _clientp = new();
    private int _opens, _sockopts;
    private UploadReader? _reader;
    private ProgressAnswer? _progress;
    private WriteAnswer? _writeAnswer;

    private sealed record Target(AddressFamily Family, string Ip, int Port, int Purpose);

    /// <summary>Callback problems: exceptions, or a *Data object that did not arrive unchanged.</summary>
    public List<Exception> CallbackErrors { get; } = [];

    public CurlewRecorder(SocketPolicy? policy = null, CurlewMode mode = CurlewMode.Sync)
    {
        _policy = policy ?? SocketPolicy.Default;
        Mode = mode;
        _easy.WriteFunction = OnWrite;
        _easy.HeaderFunction = OnHeader;
        if (_policy.Install)
        {
            _easy.OpenSocketFunction = OnOpenSocket;
            _easy.OpenSocketData = _clientp;
            _easy.SockOptFunction = OnSockOpt;
            _easy.SockOptData = _clientp;
            _easy.CloseSocketFunction = OnCloseSocket;
            _easy.CloseSocketData = _clientp;
        }
    }

    public string Engine => Mode == CurlewMode.Async ? "curlew PerformAsync" : "curlew Perform";

    /// <summary>Which I/O path the harness drives: <see cref="Perform"/> or <see cref="PerformAsync"/>.</summary>
    public CurlewMode Mode { get; }

    /// <summary>The underlying handle, for what the common surface does not cover.</summary>
    public CurlEasy Easy => _easy;

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
    public string? Url { set => _easy.Url = value; }
    public IReadOnlyList<string>? Resolve { set => _easy.Resolve = value; }
    public IReadOnlyList<string>? ConnectTo { set => _easy.ConnectTo = value; }
    public string? UnixSocketPath { set => _easy.UnixSocketPath = value; }
    public IReadOnlyList<string>? HttpHeader { set => _easy.HttpHeader = value; }
    public byte[]? PostFields { set => Check(_easy.SetOpt(CurlOption.PostFields, value), "PostFields"); }
    public bool Post { set => _easy.Post = value; }
    public bool Upload { set => _easy.Upload = value; }
    public long InFileSize { set => _easy.InFileSize = value; }

    public UploadReader? Reader
    {
        set
        {
            _reader = value;
            _easy.ReadFunction = value is null ? null : OnRead;
        }
    }

    public WriteAnswer? WriteAnswer { set => _writeAnswer = value; }

    public ProgressAnswer? Progress
    {
        set
        {
            _progress = value;
            _easy.XferInfoFunction = value is null ? null : OnProgress;
            _easy.NoProgress = value is null;
        }
    }

    public string? CustomRequest { set => _easy.CustomRequest = value; }
    public bool FollowLocation { set => _easy.FollowLocation = value; }
    public long MaxRedirs { set => _easy.MaxRedirs = value; }
    public bool FailOnError { set => _easy.FailOnError = value; }
    public bool NoBody { set => _easy.NoBody = value; }
    public string? Range { set => _easy.Range = value; }
    public long ResumeFrom { set => _easy.ResumeFrom = value; }
    public long TimeoutMs { set => _easy.TimeoutMs = value; }
    public long ConnectTimeoutMs { set => _easy.ConnectTimeoutMs = value; }
    public void SetOption(CurlOption option, object? value) => _easy.SetOpt(option, value);

    public string? UserPwd { set => _easy.UserPwd = value; }
    public bool ForbidReuse { set => _easy.ForbidReuse = value; }
    public bool FreshConnect { set => _easy.FreshConnect = value; }
    public long MaxConnects { set => _easy.MaxConnects = value; }
    public string? FtpPort { set => _easy.FtpPort = value; }
    public bool FtpUseEpsv { set => _easy.FtpUseEpsv = value; }
    public bool FtpUseEprt { set => _easy.FtpUseEprt = value; }
    public bool DirListOnly { set => _easy.DirListOnly = value; }
    public bool Append { set => Check(_easy.SetOpt(CurlOption.Append, value), "Append"); }
    public bool Filetime { set => _easy.Filetime = value; }
    public long FtpFileMethod { set => Check(_easy.SetOpt(CurlOption.FtpFileMethod, value), "FtpFileMethod"); }
    public long FtpCreateMissingDirs { set => Check(_easy.SetOpt(CurlOption.FtpCreateMissingDirs, value), "FtpCreateMissingDirs"); }
    public IReadOnlyList<string>? Quote { set => Check(_easy.SetOpt(CurlOption.Quote, value), "Quote"); }
    public IReadOnlyList<string>? PostQuote { set => Check(_easy.SetOpt(CurlOption.PostQuote, value), "PostQuote"); }

    // ---- perform and info ----------------------------------------------------------------------------------------
    public string? ErrorMessage => _easy.ErrorMessage;
    public Exception? CallbackException => _easy.CallbackException;

    public int Perform() => (int)_easy.Perform();

    /// <summary>The async path: <see cref="CurlEasy.PerformAsync"/>, awaited, no cancellation.</summary>
    public async Task<int> PerformAsync() => (int)await _easy.PerformAsync();

    public long ResponseCode => InfoLong(CurlInfo.ResponseCode);
    public long NumConnects => InfoLong(CurlInfo.NumConnects);
    public string? PrimaryIp => _easy.GetInfo(CurlInfo.PrimaryIp) as string;
    public long PrimaryPort => InfoLong(CurlInfo.PrimaryPort);
    public string? EffectiveUrl => _easy.GetInfo(CurlInfo.EffectiveUrl) as string;
    public long RedirectCount => InfoLong(CurlInfo.RedirectCount);
    public string? ContentType => _easy.GetInfo(CurlInfo.ContentType) as string;
    public long SizeDownload => InfoLong(CurlInfo.SizeDownloadT);

    private long InfoLong(CurlInfo info) => _easy.GetInfo(info) switch
    {
        long value => value,
        int value => value,
        null => 0,
        var other => throw new InvalidOperationException($"GetInfo({info}) returned {other.GetType().Name}, expected long"),
    };

    /// <summary>Disposes the handle: cached connections are closed here (through the close callback).</summary>
    public void Dispose() => _easy.Dispose();

    private static void Check(CurlCode code, string what)
    {
        if (code != CurlCode.Ok) throw new InvalidOperationException($"Curlew SetOpt {what} failed: {code}");
    }

    private void Fault(Exception ex)
    {
        lock (CallbackErrors) CallbackErrors.Add(ex);
    }

    private void CheckClientp(object? clientp, string callback)
    {
        if (!ReferenceEquals(clientp, _clientp))
            Fault(new InvalidOperationException($"{callback} got clientp {clientp ?? "null"} instead of its *Data object"));
    }

    // ---- callbacks -------------------------------------------------------------------------------------------------
    private Socket? OnOpenSocket(object? clientp, CurlSockType purpose, CurlSockAddr address)
    {
        CheckClientp(clientp, "OpenSocketFunction");
        var index = Interlocked.Increment(ref _opens) - 1;
        if (address.Address is UnixDomainSocketEndPoint unix)
        {
            // Recorded as libcurl's side records a sockaddr_un: the path as the "address", port 0. The IP-based
            // policy hooks (refuse, rewrite, connect-in-open) do not apply to Unix sockets.
            var path = unix.ToString();
            lock (_events)
                _events.Add(new SockEvent(SockEventKind.Open, (int)purpose, address.Family, path, 0,
                    (int)address.SocketType, (int)address.SocketType, (int)address.Protocol));
            var unixSocket = new Socket(address.Family, address.SocketType, address.Protocol);
            _sockets.AddOrUpdate(unixSocket, new Target(address.Family, path, 0, (int)purpose));
            return unixSocket;
        }
        if (address.Address is not IPEndPoint target)
            throw new InvalidOperationException($"unexpected address {address.Address}");
        var open = new SockEvent(SockEventKind.Open, (int)purpose, address.Family, EndPointText.Ip(target.Address), target.Port,
            (int)address.SocketType, (int)address.SocketType, (int)address.Protocol);

        if (_policy.Refuse?.Invoke(index, target) == true)
        {
            lock (_events) _events.Add(open with { Note = "refused" });
            return null;
        }
        var rewritten = _policy.Rewrite?.Invoke(index, target);
        if (rewritten is not null)
        {
            address.Address = rewritten;
            address.Family = rewritten.AddressFamily;
            open = open with { Note = $"rewritten to {EndPointText.Ip(rewritten.Address)}:{rewritten.Port}" };
            target = rewritten;
        }
        lock (_events) _events.Add(open);

        var socket = new Socket(address.Family, address.SocketType, address.Protocol);
        _sockets.AddOrUpdate(socket, new Target(target.AddressFamily, EndPointText.Ip(target.Address), target.Port, (int)purpose));
        if (_policy.ConnectInOpen)
        {
            try
            {
                socket.Connect(target);
            }
            catch (SocketException ex)
            {
                Fault(new InvalidOperationException($"external connect failed: {ex.SocketErrorCode}", ex));
            }
        }
        return socket;
    }

    private SockOptResult OnSockOpt(object? clientp, Socket socket, CurlSockType purpose)
    {
        CheckClientp(clientp, "SockOptFunction");
        var index = Interlocked.Increment(ref _sockopts) - 1;
        var answer = _policy.SockOpt?.Invoke(index) ?? 0;
        var where = Lookup(socket);
        lock (_events)
            _events.Add(new SockEvent(SockEventKind.SockOpt, (int)purpose, where.Family, where.Ip, where.Port,
                Note: answer == 0 ? null : $"answer={answer}"));
        return (SockOptResult)answer;
    }

    private int OnCloseSocket(object? clientp, Socket item)
    {
        CheckClientp(clientp, "CloseSocketFunction");
        var where = Lookup(item);
        _sockets.Remove(item);
        lock (_events) _events.Add(new SockEvent(SockEventKind.Close, where.Purpose, where.Family, where.Ip, where.Port));
        item.Dispose();
        return 0;
    }

    private Target Lookup(Socket socket) =>
        _sockets.TryGetValue(socket, out var where) ? where : new Target(AddressFamily.Unknown, "not-from-open", 0, -1);   // an accepted FTP data socket

    private long OnWrite(ReadOnlySpan<byte> data, object? userdata)
    {
        long soFar;
        lock (_body) soFar = _body.Length;
        var answer = _writeAnswer?.Invoke(data.Length, soFar) ?? data.Length;
        if (answer == data.Length)
            lock (_body) _body.Write(data);
        return answer;
    }

    private long OnHeader(ReadOnlySpan<byte> data, object? userdata)
    {
        var line = System.Text.Encoding.Latin1.GetString(data).TrimEnd('\r', '\n');
        lock (_headers) _headers.Add(line);
        return data.Length;
    }

    private long OnRead(Span<byte> buffer, object? userdata)
    {
        var reader = _reader;
        if (reader is null) return 0;
        var filled = reader(buffer);
        return filled == IDiffEasy.ReadAbort ? Curl.ReadFuncAbort : filled;
    }

    private int OnProgress(object? clientp, long dlTotal, long dlNow, long ulTotal, long ulNow) =>
        _progress?.Invoke(dlTotal, dlNow, ulTotal, ulNow) ?? 0;
}
