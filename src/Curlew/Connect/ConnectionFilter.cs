using System.Net;

namespace Curlew.Connect;

/// <summary>What to do after the peer said something while a request body was being sent.</summary>
internal enum EarlyAnswer
{
    /// <summary>An interim answer (1xx): go on sending and watching.</summary>
    KeepWatching,
    /// <summary>A final answer that lets the body go on (below 300): send the rest, watch no more.</summary>
    StopWatching,
    /// <summary>A final refusal (300 or more): send nothing more.</summary>
    StopSending,
}

/// <summary>
/// One layer of a connection: the socket at the bottom, then (as they arrive) SOCKS, HTTP CONNECT and TLS stacked on
/// top, each with the same few operations. Protocol handlers only ever talk to the top filter, so adding a proxy type
/// or TLS never touches HTTP or FTP.
/// </summary>
internal abstract class ConnectionFilter(ConnectionFilter? next)
{
    /// <summary>The filter below this one; <c>null</c> for the socket.</summary>
    protected ConnectionFilter? Next { get; } = next;

    /// <summary>Completes this layer's handshake (the layers below are already connected).</summary>
    public virtual ValueTask ConnectAsync(IoContext io) => ValueTask.CompletedTask;

    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes; 0 means the peer closed.</summary>
    public abstract ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io);

    /// <summary>Sends all of <paramref name="data"/>.</summary>
    public abstract ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io);

    /// <summary>
    /// Sends all of <paramref name="data"/> while watching for the peer to answer: when something arrives,
    /// <paramref name="onAnswer"/> reads it and says how to go on. False when it said <see cref="EarlyAnswer.StopSending"/>
    /// (the rest is not sent; some of it may have gone out). For request bodies, which a server may refuse before reading.
    /// With <paramref name="lookFirst"/> an answer already there is read before anything is sent; otherwise the data
    /// goes out first as far as the socket takes it (as libcurl, which sends a body right behind its head).
    /// </summary>
    public virtual async ValueTask<bool> SendWatchingAsync(ReadOnlyMemory<byte> data, IoContext io, bool lookFirst, Func<ValueTask<EarlyAnswer>> onAnswer)
    {
        if (Next is not null) return await Next.SendWatchingAsync(data, io, lookFirst, onAnswer).ConfigureAwait(false);
        await SendAsync(data, io).ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits up to <paramref name="timeoutMs"/> for something to read; false on time-out. Pending data counts as readable.</summary>
    public virtual ValueTask<bool> WaitReadableAsync(int timeoutMs, IoContext io) =>
        DataPending() ? ValueTask.FromResult(true) : Next?.WaitReadableAsync(timeoutMs, io) ?? ValueTask.FromResult(true);

    /// <summary>
    /// Tells the layers how many bytes are certain to arrive next (a Content-Length body's remainder), or 0 when that
    /// is not known. A layer may use it to wake the reader less often; it must never make a read wait for bytes that
    /// are not coming.
    /// </summary>
    public virtual void ExpectBytes(long bytes, IoContext io) => Next?.ExpectBytes(bytes, io);

    /// <summary>
    /// How much a reader of a long body asks for at once. Asynchronous reads also make it the socket's low-water mark:
    /// every readiness wake-up of an asynchronous socket costs a hop through the runtime's event thread and thread
    /// pool, so fewer, larger reads save CPU (strace: a quarter of the receives and epoll wake-ups of 128 KiB reads).
    /// Synchronous reads keep a lower mark (a blocking wake-up is cheap) but read this much when it is there: against
    /// a server that sends in large corked bursts (nginx's sendfile with tcp_nopush) that took the same 2 GiB in a
    /// quarter of the receives and gained about a fifth in throughput, at less CPU per byte.
    /// </summary>
    public const int BulkReadBytes = 512 * 1024;

    /// <summary>True when an idle connection still looks usable (peer has not closed, nothing unexpected is waiting).</summary>
    public virtual bool IsAlive() => Next?.IsAlive() ?? false;

    /// <summary>
    /// True when this layer or one below holds bytes already taken off the socket (say, decrypted TLS records): they
    /// count as readable, and they make an idle connection unfit for reuse. The socket itself holds none.
    /// </summary>
    public virtual bool DataPending() => Next?.DataPending() ?? false;

    /// <summary>A fact about the connection for -v and write-out (ALPN, TLS version, cipher); null when no layer knows it.</summary>
    public virtual string? Query(FilterQuery query) => Next?.Query(query);

    /// <summary>
    /// Closes this layer gracefully before the socket goes (TLS close_notify), within <paramref name="timeoutMs"/>,
    /// then the layers below in turn. Best effort: a failure here never stops <see cref="Close"/>. No-op by default.
    /// </summary>
    public virtual ValueTask ShutdownAsync(int timeoutMs) => Next?.ShutdownAsync(timeoutMs) ?? ValueTask.CompletedTask;

    /// <summary>Closes this layer and every layer below. Idempotent.</summary>
    /// <summary>Ends this side's sending (TCP's FIN) while the peer's bytes can still be read.</summary>
    public virtual void ShutdownSend() => Next?.ShutdownSend();

    public virtual void Close() => Next?.Close();

    /// <summary>The peer this connection reached (after any open-socket rewrite).</summary>
    public virtual EndPoint? RemoteEndPoint => Next?.RemoteEndPoint;

    /// <summary>Our end of the connection.</summary>
    public virtual EndPoint? LocalEndPoint => Next?.LocalEndPoint;
}
