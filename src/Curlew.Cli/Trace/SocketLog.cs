using System.Net.Sockets;

namespace Curlew.Cli.Trace;

/// <summary>
/// --socket-log: one stderr line per socket event, through the library's socket callbacks, so what the library opens,
/// tunes and closes can be watched from the command line. Curlew's own flag; curl has none like it.
/// </summary>
internal sealed class SocketLog(TextWriter stderr)
{
    private readonly Dictionary<Socket, string> _names = new(ReferenceEqualityComparer.Instance);

    public void Attach(CurlEasy easy)
    {
        easy.OpenSocketFunction = Open;
        easy.SockOptFunction = SockOpt;
        easy.CloseSocketFunction = Close;
    }

    private Socket? Open(object? clientp, CurlSockType purpose, CurlSockAddr address)
    {
        var socket = new Socket(address.Family, address.SocketType, address.Protocol);
        string name = $"{address.Address}";
        lock (_names) _names[socket] = name;
        stderr.WriteLine($"* socket open {Purpose(purpose)} {address.Family} {name}");
        return socket;
    }

    private SockOptResult SockOpt(object? clientp, Socket socket, CurlSockType purpose)
    {
        stderr.WriteLine($"* socket sockopt {Purpose(purpose)} {NameOf(socket)}");
        return SockOptResult.Ok;
    }

    private int Close(object? clientp, Socket socket)
    {
        stderr.WriteLine($"* socket close {NameOf(socket)}");
        lock (_names) _names.Remove(socket);
        socket.Dispose();
        return 0;
    }

    private string NameOf(Socket socket)
    {
        lock (_names) return _names.TryGetValue(socket, out var name) ? name : "(accepted)";
    }

    private static string Purpose(CurlSockType purpose) => purpose == CurlSockType.Accept ? "accept" : "connect";
}
