using System.Buffers;
using System.Text;

namespace Curlew.Connect.Proxy;

/// <summary>
/// The HTTP proxy tunnel: asks the proxy to <c>CONNECT host:port</c> (with Host, Proxy-Authorization, User-Agent and
/// Proxy-Connection, as libcurl 7.88 sends them) and, once it answers 2xx, passes bytes through untouched, so TLS to the
/// origin (stacked above) verifies the origin's name. Any other answer fails the connection with RecvError (56) and
/// libcurl's message; the answer's code is kept for CURLINFO_HTTP_CONNECTCODE either way.
/// </summary>
internal sealed class HttpConnectFilter(RouteProxy proxy, string? userAgent, ConnectionFilter below) : ConnectionFilter(below)
{
    // libcurl refuses a CONNECT response head larger than its header buffer; a proxy that talks on is not a proxy.
    private const int MaxHeadBytes = 100 * 1024;
    private byte[]? _pending;   // tunnel bytes that arrived behind the proxy's answer
    private int _pendingStart, _pendingEnd;

    public override async ValueTask ConnectAsync(IoContext io)
    {
        string target = Authority(proxy.TargetHost, proxy.TargetPort);
        io.Events.Info($"Establish HTTP proxy tunnel to {target}");
        var request = Request(target);
        io.Events.Sent(request);
        await Next!.SendAsync(request, io).ConfigureAwait(false);

        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int filled = 0, headEnd;
            while ((headEnd = HeadEnd(buffer.AsSpan(0, filled))) < 0)
            {
                if (filled == buffer.Length)
                {
                    if (filled >= MaxHeadBytes) throw new CurlException(CurlCode.RecvError, "Proxy CONNECT response too large");
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                int n = await Next.ReceiveAsync(buffer.AsMemory(filled), io).ConfigureAwait(false);
                if (n == 0) throw new CurlException(CurlCode.RecvError, "Proxy CONNECT aborted");
                filled += n;
            }
            await DeliverHeadAsync(buffer.AsMemory(0, headEnd), io).ConfigureAwait(false);
            int code = StatusCode(buffer.AsSpan(0, headEnd));
            io.HttpConnectCode = code;
            if (code is < 200 or > 299) throw new CurlException(CurlCode.RecvError, $"CONNECT tunnel failed, response {code}");
            if (filled > headEnd)
            {
                _pending = buffer.AsSpan(headEnd, filled - headEnd).ToArray();
                (_pendingStart, _pendingEnd) = (0, _pending.Length);
            }
            io.Events.Info("CONNECT phase completed");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Request(string target)
    {
        var text = new StringBuilder(160);
        text.Append("CONNECT ").Append(target).Append(" HTTP/1.1\r\nHost: ").Append(target).Append("\r\n");
        if (proxy.BasicAuthorization is { } authorization) text.Append("Proxy-Authorization: ").Append(authorization).Append("\r\n");
        if (userAgent is not null) text.Append("User-Agent: ").Append(userAgent).Append("\r\n");
        text.Append("Proxy-Connection: Keep-Alive\r\n\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    // An IPv6 address goes in brackets; libcurl always names the port.
    private static string Authority(string host, int port) => host.Contains(':') ? $"[{host}]:{port}" : $"{host}:{port}";

    private static int HeadEnd(ReadOnlySpan<byte> data)
    {
        int at = data.IndexOf("\r\n\r\n"u8);
        if (at >= 0) return at + 4;
        at = data.IndexOf("\n\n"u8);
        return at >= 0 ? at + 2 : -1;
    }

    // "HTTP/1.x NNN ...": anything else is libcurl's "response 0".
    private static int StatusCode(ReadOnlySpan<byte> head)
    {
        if (!head.StartsWith("HTTP/"u8)) return 0;
        int space = head.IndexOf((byte)' ');
        if (space < 0 || head.Length < space + 4) return 0;
        var digits = head.Slice(space + 1, 3);
        foreach (var b in digits) if (b is < (byte)'0' or > (byte)'9') return 0;
        return (digits[0] - '0') * 100 + (digits[1] - '0') * 10 + (digits[2] - '0');
    }

    // Each line to the trace and, as libcurl does, to the header callback (a 407's lines too, before the failure).
    private static async ValueTask DeliverHeadAsync(ReadOnlyMemory<byte> head, IoContext io)
    {
        while (!head.IsEmpty)
        {
            int end = head.Span.IndexOf((byte)'\n');
            var line = end < 0 ? head : head[..(end + 1)];
            io.Events.Received(line.Span);
            if (io.ProxyHeaderLine is { } deliver) await deliver(line).ConfigureAwait(false);
            head = head[line.Length..];
        }
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
    {
        if (_pending is null) return Next!.ReceiveAsync(buffer, io);
        int n = Math.Min(buffer.Length, _pendingEnd - _pendingStart);
        _pending.AsSpan(_pendingStart, n).CopyTo(buffer.Span);
        _pendingStart += n;
        if (_pendingStart == _pendingEnd) _pending = null;
        return ValueTask.FromResult(n);
    }

    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io) => Next!.SendAsync(data, io);

    public override bool DataPending() => _pending is not null || base.DataPending();

    public override bool IsAlive() => _pending is null && base.IsAlive();
}
