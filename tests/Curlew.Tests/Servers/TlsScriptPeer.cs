using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Curlew.Tests.Servers;

/// <summary>
/// Server-side TLS for <see cref="FaultServer"/> scripts, for faults a real server will not produce on cue (a reset
/// in the middle of a record) and for seeing what the client sent last (close_notify). The raw bytes the client sends
/// are recorded under the TLS layer.
/// </summary>
public sealed class TlsScriptPeer : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RecordingStream _raw;

    private TlsScriptPeer(Socket socket, RecordingStream raw, SslStream tls)
    {
        _socket = socket;
        _raw = raw;
        Tls = tls;
    }

    /// <summary>The TLS stream to the client.</summary>
    public SslStream Tls { get; }

    /// <summary>Every byte the client sent, TLS records as they came.</summary>
    public byte[] ReceivedRaw => _raw.Received;

    /// <summary>Accepts the client's handshake with <paramref name="certificate"/> (TLS 1.2 only when asked, so alerts are visible).</summary>
    public static async Task<TlsScriptPeer> AcceptAsync(Socket socket, X509Certificate2 certificate, bool tls12Only, CancellationToken ct)
    {
        var raw = new RecordingStream(new NetworkStream(socket, ownsSocket: false));
        var tls = new SslStream(raw, leaveInnerStreamOpen: true);
        await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions
        {
            ServerCertificate = certificate,
            EnabledSslProtocols = tls12Only ? SslProtocols.Tls12 : SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
        }, ct);
        return new TlsScriptPeer(socket, raw, tls);
    }

    /// <summary>Reads the request head (up to CRLFCRLF).</summary>
    public async Task<string> ReadRequestHeadAsync(CancellationToken ct)
    {
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            int n = await Tls.ReadAsync(buffer, ct);
            if (n == 0) break;
            head.Append(Encoding.Latin1.GetString(buffer, 0, n));
        }
        return head.ToString();
    }

    /// <summary>Sends text over TLS.</summary>
    public async Task SendAsync(string text, CancellationToken ct)
    {
        await Tls.WriteAsync(Encoding.Latin1.GetBytes(text), ct);
        await Tls.FlushAsync(ct);
    }

    /// <summary>
    /// Sends the first half of one TLS record carrying <paramref name="plaintext"/> in the clear-text sense (encrypted as
    /// the client expects), then resets the connection: the client is left in the middle of a record.
    /// </summary>
    public async Task SendHalfARecordThenResetAsync(byte[] plaintext, CancellationToken ct)
    {
        _raw.CutWritesAfterHalf = true;
        try { await Tls.WriteAsync(plaintext, ct); }
        catch (IOException) { }
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    /// <summary>The content type of the last complete TLS record the client sent (0x15 = alert), or -1 when none.</summary>
    public int LastRecordType()
    {
        var data = ReceivedRaw;
        int type = -1;
        for (int at = 0; at + 5 <= data.Length;)
        {
            int length = data[at + 3] << 8 | data[at + 4];
            if (at + 5 + length > data.Length) break;
            type = data[at];
            at += 5 + length;
        }
        return type;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Tls.Dispose();
        return _raw.DisposeAsync();
    }

    // Records what is read; can cut the next write in half (the rest never goes out) to leave a record unfinished.
    private sealed class RecordingStream(Stream inner) : Stream
    {
        private readonly MemoryStream _received = new();

        public bool CutWritesAfterHalf { get; set; }
        public byte[] Received { get { lock (_received) return _received.ToArray(); } }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
        {
            int n = await inner.ReadAsync(buffer, ct);
            lock (_received) _received.Write(buffer.Span[..n]);
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct = default)
        {
            if (!CutWritesAfterHalf)
            {
                await inner.WriteAsync(buffer, ct);
                return;
            }
            await inner.WriteAsync(buffer[..(buffer.Length / 2)], ct);
            await inner.FlushAsync(ct);
            throw new IOException("cut on purpose");
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, default).GetAwaiter().GetResult();
        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, default).GetAwaiter().GetResult();
        public override void Flush() => inner.Flush();
        public override Task FlushAsync(CancellationToken ct) => inner.FlushAsync(ct);
        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
