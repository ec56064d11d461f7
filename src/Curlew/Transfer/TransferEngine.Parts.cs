using Curlew.Connect;
using Curlew.Http;
using Curlew.Protocols;
using Curlew.Sockets;

namespace Curlew.Transfer;

/// <summary>
/// What a handle's engine keeps from one perform to the next and starts afresh each time (issue 15: a keep-alive GET
/// allocates next to nothing): the I/O context, the progress meter, the low-speed guard and the connection provider;
/// the socket factory and the output sinks while the callbacks and data they were made from stay the same.
/// </summary>
internal sealed partial class TransferEngine
{
    private readonly IoContext _io = new();
    private readonly ProgressMeter _progress = new(null, null, enabled: false);
    private readonly LowSpeedGuard _lowSpeed = new(0, 0);
    private Action? _idleTick;
    private ConnectionProvider? _connections;
    private SocketFactory? _factory;
    private OutputSink? _body, _headers;
    private (WriteCallback? Function, object? Data) _bodyFrom;
    private (WriteCallback? Function, object? Data, WriteCallback? Write) _headersFrom;
    private IProtocolHandler? _firstHandler;

    // The last perform's first handler, when it can serve this one unchanged: HTTP's, with the same settings snapshot
    // (the handle keeps it while no HTTP option changed) and the same transfer parts.
    private IProtocolHandler? Restarted(string scheme, in TransferContext context) =>
        scheme is "http" or "https" && _firstHandler is HttpProtocol http && http.TryRestart(HttpSnapshot.For(options), context) ? http : null;

    private ConnectionProvider Connections(ConnectSettings settings, SocketFactory factory, ConnectionPool pool)
    {
        if (_connections is null) return _connections = new ConnectionProvider(settings, pool, routes, factory);
        _connections.Start(settings, factory, pool);
        return _connections;
    }

    private SocketFactory Factory()
    {
        var o = options;
        if (_factory?.Callbacks is { } c && c.Open == o.OpenSocketFunction && c.OpenData == o.OpenSocketData
            && c.SockOpt == o.SockOptFunction && c.SockOptData == o.SockOptData && c.Close == o.CloseSocketFunction && c.CloseData == o.CloseSocketData)
            return _factory;
        return _factory = new SocketFactory(new SocketCallbacks(o.OpenSocketFunction, o.OpenSocketData, o.SockOptFunction, o.SockOptData,
            o.CloseSocketFunction, o.CloseSocketData), ledger);
    }

    private OutputSink BodySink()
    {
        var from = (options.WriteFunction, options.WriteData);
        if (_body is null || _bodyFrom.Function != from.WriteFunction || _bodyFrom.Data != from.WriteData)
            (_body, _bodyFrom) = (OutputSink.ForBody(from.WriteFunction, from.WriteData), from);
        return _body;
    }

    private OutputSink? HeaderSink()
    {
        var from = (options.HeaderFunction, options.HeaderData, options.WriteFunction);
        if (_headersFrom != from || (_headers is null && from != default))
            (_headers, _headersFrom) = (OutputSink.ForHeaders(from.HeaderFunction, from.HeaderData, from.WriteFunction), from);
        return _headers;
    }

    // "HTTP" for "http" without a new string per perform: the table's schemes are few.
    private static string SchemeName(string scheme) => scheme switch
    {
        "http" => "HTTP",
        "https" => "HTTPS",
        "ftp" => "FTP",
        "ftps" => "FTPS",
        _ => scheme.ToUpperInvariant(),
    };
}
