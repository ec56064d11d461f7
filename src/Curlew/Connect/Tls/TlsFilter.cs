using Curlew.Async;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Authentication;

namespace Curlew.Connect.Tls;

/// <summary>
/// TLS over the filter below: an <see cref="SslStream"/> over a <see cref="FilterStream"/> (never a NetworkStream; the
/// inner stream is left open), so the socket stays owned by the chain and reaches the close callback exactly once.
/// Only SslStream's asynchronous API is used: over a blocking socket filter it completes inline on the caller's thread
/// (a synchronous Perform never hops), over an asynchronous one it is asynchronous end to end.
/// </summary>
internal sealed class TlsFilter(Route route, TlsSettings tls, ConnectionFilter below) : ConnectionFilter(below)
{
    private FilterStream? _stream;
    private SslStream? _ssl;
    private bool _handshaken, _closed, _notified;   // _notified: close_notify already sent

    /// <summary>The layer for <see cref="FilterStack"/>: TLS on routes that carry it.</summary>
    public static ConnectionFilter? Stack(Route route, ConnectionFilter below) =>
        route.Tls is { } tls && !route.StartsTls ? new TlsFilter(route, tls, below) : null;

    public override async ValueTask ConnectAsync(IoContext io)
    {
        var verifier = new PeerVerifier(tls, route.Host);
        io.SslVerifyResult = verifier.VerifyResult;   // "not verified" until the peer is judged
        TlsTrace.Offering(io.Events, route, tls);
        var options = TlsClientOptions.For(route, tls, verifier);   // 77, 58 or 35 here, before any TLS byte
        _stream = new FilterStream(Next!, io);
        _ssl = new SslStream(_stream, leaveInnerStreamOpen: true);
        try
        {
            await _ssl.AuthenticateAsClientAsync(options, io.Synchronous ? default : io.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            throw HandshakeFailure(ex, verifier, io);
        }
        finally
        {
            io.SslVerifyResult = verifier.VerifyResult;
        }
        _handshaken = true;
        TlsTrace.Connected(io.Events, _ssl, verifier, tls, route.Host);
    }

    private Exception HandshakeFailure(Exception thrown, PeerVerifier verifier, IoContext io)
    {
        if (verifier.Failure is { } refused) return refused;
        if (FilterStreamException.Unwrap(thrown) is { } below)
        {
            if (below.Code == CurlCode.OperationTimedout) return below;
            return new CurlException(CurlCode.SslConnectError, $"TLS connect error: {below.Message} in connection to {route.Host}:{route.Port}", below) { OsErrno = below.OsErrno };
        }
        if (Find<OperationCanceledException>(thrown) is { } cancelled) return io.Interrupted(cancelled);
        return new CurlException(CurlCode.SslConnectError, $"TLS connect error: {Innermost(thrown).Message} in connection to {route.Host}:{route.Port}", thrown);
    }

    // A long body: SslStream asks for one record (about 16 KiB) per read, so without help every record costs a receive
    // and a wake-up (for an asynchronous read, a thread-pool hop). The FilterStream reads ahead (one receive per
    // 256 KiB, records handed to SslStream from there) and the socket gets the long-body hints (a low-water mark, a wide
    // receive buffer). Asynchronously, against nginx on loopback: 1.2 -> 1.42 GB/s for the hints, 1.42 -> 1.53 and
    // 0.67 -> 0.58 CPU s/GB for the read-ahead. Synchronously it was first measured 4-5 % slower at best (on an earlier
    // machine, where a blocked reader woke cheaply) and left out; on the current one a synchronous reader of one record
    // at a time was the slowest of all peers (0.96 GB/s against libcurl's 1.04-1.06 in `../shared/perf/run`), and with
    // the read-ahead and hints it did 1.12 GB/s at 0.48 CPU s/GB instead of 0.73 (5 interleaved rounds of 5 downloads
    // each: best 0.89-0.96 -> 0.84-1.20 GB/s, CPU 0.86-1.18 -> 0.57-0.71 s/GB), so both modes now read ahead.
    private const long ReadAheadWorthIt = 4L * FilterStream.ReadAheadBytes;

    public override void ExpectBytes(long bytes, IoContext io)
    {
        if (_stream is { } stream) stream.ReadAhead = bytes >= ReadAheadWorthIt;
        base.ExpectBytes(bytes, io);
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder<>))]   // pooled; completes inline (no allocation) in a synchronous transfer
    public override async ValueTask<int> ReceiveAsync(Memory<byte> buffer, IoContext io)
    {
        _stream!.Io = io;
        try
        {
            return await _ssl!.ReadAsync(buffer).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not CurlException)
        {
            throw Failure(ex, io, CurlCode.RecvError, "Recv");
        }
    }

    [AsyncMethodBuilder(typeof(SharedPoolValueTaskBuilder))]
    public override async ValueTask SendAsync(ReadOnlyMemory<byte> data, IoContext io)
    {
        _stream!.Io = io;
        try { await _ssl!.WriteAsync(data).ConfigureAwait(false); }
        catch (Exception ex) when (ex is not CurlException)
        {
            throw Failure(ex, io, CurlCode.SendError, "Send");
        }
    }

    private static Exception Failure(Exception thrown, IoContext io, CurlCode code, string what)
    {
        if (FilterStreamException.Unwrap(thrown) is { } below) return below;
        if (Find<OperationCanceledException>(thrown) is { } cancelled) return io.Interrupted(cancelled);
        return new CurlException(code, $"{what} failure: TLS: {Innermost(thrown).Message}", thrown);
    }

    // The socket below sees only ciphertext, so it watches for the peer's early answer while each record goes out,
    // and the answer is read (decrypted) by this filter in the middle of the write, which SslStream allows. A refusal
    // ends the write; the connection is then out of step and is not reused.
    public override async ValueTask<bool> SendWatchingAsync(ReadOnlyMemory<byte> data, IoContext io, bool lookFirst, Func<ValueTask<EarlyAnswer>> onAnswer)
    {
        bool watching = true;
        while (lookFirst && watching && await WaitReadableAsync(0, io).ConfigureAwait(false))
        {
            var answer = await onAnswer().ConfigureAwait(false);
            if (answer == EarlyAnswer.StopSending) return false;
            watching = answer == EarlyAnswer.KeepWatching;
        }
        if (!watching)
        {
            await SendAsync(data, io).ConfigureAwait(false);
            return true;
        }
        _stream!.Io = io;
        _stream.Watch = async () =>
        {
            var answer = await onAnswer().ConfigureAwait(false);
            if (answer != EarlyAnswer.KeepWatching) _stream.Watch = null;   // a final answer came: watch no more
            return answer;
        };
        try
        {
            await _ssl!.WriteAsync(data).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (Find<SendingStoppedException>(ex) is not null) { return false; }
        catch (Exception ex) when (ex is not CurlException) { throw Failure(ex, io, CurlCode.SendError, "Send"); }
        finally { _stream.Watch = null; }
    }

    // SslStream does not say whether it holds bytes already taken off the socket (a record read with the one before
    // it), so none are reported: a read still returns them at once, and an idle connection with bytes the peer should
    // not have sent is caught below when they are still in the kernel. Guessing from a read that filled its buffer
    // would refuse reuse after every Content-Length body, whose last read is sized to what is left. Records the
    // FilterStream read ahead do count (they are taken only while at least a megabyte of body is still to come, so
    // they are never past its end).
    public override bool DataPending() => _stream is { HasReadAhead: true } || (Next?.DataPending() ?? false);

    public override string? Query(FilterQuery query) => _ssl is null || !_handshaken ? Next?.Query(query) : query switch
    {
        FilterQuery.Alpn => _ssl.NegotiatedApplicationProtocol.Protocol.IsEmpty ? null : _ssl.NegotiatedApplicationProtocol.ToString(),
        FilterQuery.TlsVersion => TlsVersions.Name(_ssl.SslProtocol),
        FilterQuery.TlsCipher => _ssl.NegotiatedCipherSuite.ToString(),
        _ => Next?.Query(query),
    };

    /// <summary>Sends close_notify (bounded by <paramref name="timeoutMs"/>, blocking), then lets the layers below say goodbye.</summary>
    public override async ValueTask ShutdownAsync(int timeoutMs)
    {
        if (_ssl is not null && _handshaken && !_closed && !_notified)
        {
            _notified = true;
            using var io = new IoContext(synchronous: true, timeoutMs, CancellationToken.None);
            _stream!.Io = io;
            try { await _ssl.ShutdownAsync().ConfigureAwait(false); }
            catch (Exception ex) when (ex is IOException or CurlException or InvalidOperationException or ObjectDisposedException or AuthenticationException) { }
        }
        if (Next is not null) await Next.ShutdownAsync(timeoutMs).ConfigureAwait(false);
    }

    public override void Close()
    {
        if (!_closed)
        {
            _closed = true;
            try { _ssl?.Dispose(); }   // leaves the FilterStream, and so the socket, to the layers below
            catch (Exception ex) when (ex is IOException or ObjectDisposedException) { }
            _stream?.ForgetReadAhead();
        }
        base.Close();
    }

    private static T? Find<T>(Exception thrown) where T : Exception
    {
        for (var e = thrown; e is not null; e = e.InnerException)
            if (e is T found) return found;
        return null;
    }

    private static Exception Innermost(Exception thrown)
    {
        var e = thrown;
        while (e.InnerException is not null) e = e.InnerException;
        return e;
    }
}
