using System.Text;
using Curlew.Connect;

namespace Curlew.Tests.Connect;

/// <summary>
/// A stand-in for a handshaking layer (what TLS or a proxy filter will be): its handshake sends "HELLO name\n" and
/// waits for "OK\n" from the peer, through the layers below. It records what the builder and the connection do to it.
/// </summary>
internal sealed class TestLayer(string name, ConnectionFilter below, List<string> log) : ConnectionFilter(below)
{
    /// <summary>Pretends to hold bytes above the socket (decrypted records).</summary>
    public bool Pending { get; set; }

    public override async ValueTask ConnectAsync(IoContext io)
    {
        lock (log) log.Add($"{name}.connect");
        await Next!.SendAsync(Encoding.ASCII.GetBytes($"HELLO {name}\n"), io);
        var reply = new byte[3];
        int got = 0;
        while (got < reply.Length)
        {
            int n = await Next.ReceiveAsync(reply.AsMemory(got), io);
            if (n == 0) throw new CurlException(CurlCode.RecvError, $"{name}: the peer closed during the handshake");
            got += n;
        }
        if (Encoding.ASCII.GetString(reply) != "OK\n") throw new CurlException(CurlCode.WeirdServerReply, $"{name}: bad handshake reply");
    }

    public override ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io) => Next!.ReceiveAsync(buffer, io);
    public override ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io) => Next!.SendAsync(data, io);
    public override bool DataPending() => Pending || base.DataPending();
    public override string? Query(FilterQuery query) => query == FilterQuery.Alpn ? $"alpn-from-{name}" : base.Query(query);

    public override ValueTask ShutdownAsync(int timeoutMs)
    {
        lock (log) log.Add($"{name}.shutdown");
        return base.ShutdownAsync(timeoutMs);
    }

    public override void Close()
    {
        lock (log) log.Add($"{name}.close");
        base.Close();
    }

    /// <summary>A layer factory stacking a <see cref="TestLayer"/> on every route.</summary>
    public static FilterLayer On(string name, List<string> log, Action<TestLayer>? made = null) => (_, below) =>
    {
        var layer = new TestLayer(name, below, log);
        made?.Invoke(layer);
        return layer;
    };
}
