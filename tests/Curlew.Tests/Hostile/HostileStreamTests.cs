using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Hostile;

/// <summary>
/// A <see cref="Stream"/> given as WriteData or ReadData is the user's code: whatever it throws (an
/// <see cref="OperationCanceledException"/> included, since only the caller's token may cancel a transfer) ends the
/// transfer with WriteError (23) or ReadError (26) and lands in CallbackException. PerformAsync uses the stream's
/// asynchronous methods; Perform its synchronous ones, on the calling thread.
/// </summary>
public class HostileStreamTests : IClassFixture<KestrelFixture>
{
    private const int UploadSize = 300_000;
    private readonly KestrelTestServer _server;

    public HostileStreamTests(KestrelFixture fixture) => _server = fixture.Server;

    public static TheoryData<string, bool> Throwables => new()
    {
        { nameof(OperationCanceledException), false }, { nameof(OperationCanceledException), true },
        { nameof(InvalidOperationException), false }, { nameof(InvalidOperationException), true },
        { nameof(UnauthorizedAccessException), false }, { nameof(UnauthorizedAccessException), true },
    };

    [Theory]
    [MemberData(nameof(Throwables))]
    public async Task A_write_stream_that_throws_ends_the_transfer_with_WriteError(string exception, bool useAsync)
    {
        var stream = new ProbeStream { Fail = () => Make(exception) };
        var (easy, ledger) = Handle("/bytes/200000");
        easy.WriteData = stream;

        var code = await Perform(easy, ledger, useAsync);

        Run.AssertCode(CurlCode.WriteError, code, easy, ledger);
        Assert.Equal(exception, easy.CallbackException?.GetType().Name);
        Finish(easy, ledger);
    }

    [Theory]
    [MemberData(nameof(Throwables))]
    public async Task A_read_stream_that_throws_ends_the_transfer_with_ReadError(string exception, bool useAsync)
    {
        var stream = new ProbeStream { Fail = () => Make(exception) };
        var (easy, ledger) = Upload(stream);

        var code = await Perform(easy, ledger, useAsync);

        Run.AssertCode(CurlCode.ReadError, code, easy, ledger);
        Assert.Equal(exception, easy.CallbackException?.GetType().Name);
        Finish(easy, ledger);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_stream_returning_minus_one_ends_the_transfer_with_ReadError(bool useAsync)
    {
        var stream = new ProbeStream { ReadResult = -1 };
        var (easy, ledger) = Upload(stream);

        var code = await Perform(easy, ledger, useAsync);

        Run.AssertCode(CurlCode.ReadError, code, easy, ledger);
        Finish(easy, ledger);
    }

    [Fact]
    public async Task PerformAsync_writes_and_reads_streams_with_their_asynchronous_methods()
    {
        var output = new ProbeStream();
        var input = new ProbeStream();
        var headers = new ProbeStream();
        var (easy, ledger) = Upload(input);
        easy.WriteData = output;
        easy.HeaderData = headers;

        var code = await easy.PerformAsyncGuarded(CancellationToken.None, ledger);

        Run.AssertOk(code, easy, ledger);
        Assert.Equal(UploadSize, output.Written);
        Assert.True(headers.AsyncWrites > 0 && headers.SyncWrites == 0, $"header stream: {headers.AsyncWrites} async, {headers.SyncWrites} sync calls");
        Assert.True(output.AsyncWrites > 0 && output.SyncWrites == 0, $"write stream: {output.AsyncWrites} async, {output.SyncWrites} sync calls");
        Assert.True(input.AsyncReads > 0 && input.SyncReads == 0, $"read stream: {input.AsyncReads} async, {input.SyncReads} sync calls");
        Finish(easy, ledger);
    }

    [Fact]
    public async Task Perform_writes_and_reads_streams_synchronously_on_the_calling_thread()
    {
        var output = new ProbeStream();
        var input = new ProbeStream();
        var headers = new ProbeStream();
        var (easy, ledger) = Upload(input);
        easy.WriteData = output;
        easy.HeaderData = headers;

        int callerThread = 0;
        var code = await Task.Run(() =>
        {
            callerThread = Environment.CurrentManagedThreadId;
            return easy.Perform();
        }).WaitAsync(Run.HangLimit);

        Run.AssertOk(code, easy, ledger);
        Assert.Equal(UploadSize, output.Written);
        Assert.True(output.SyncWrites > 0 && output.AsyncWrites == 0, $"write stream: {output.AsyncWrites} async, {output.SyncWrites} sync calls");
        Assert.True(input.SyncReads > 0 && input.AsyncReads == 0, $"read stream: {input.AsyncReads} async, {input.SyncReads} sync calls");
        Assert.True(headers.SyncWrites > 0 && headers.AsyncWrites == 0, $"header stream: {headers.AsyncWrites} async, {headers.SyncWrites} sync calls");
        Assert.Equal([callerThread], output.Threads.Concat(input.Threads).Concat(headers.Threads).Distinct());
        Finish(easy, ledger);
    }

    private (CurlEasy, CallbackLedger) Handle(string path)
    {
        var easy = new CurlEasy { Url = _server.BaseUrl + path, TimeoutMs = 20_000 };
        return (easy, new CallbackLedger().Install(easy));
    }

    // A POST of UploadSize bytes read from the stream to /echo, which sends them back.
    /// <summary>A seekable stream whose seek fails, as a stream over a closed file would.</summary>
    private sealed class UnseekableInPractice(byte[] data) : MemoryStream(data)
    {
        public override long Position { get => base.Position; set => throw new IOException("the file is gone"); }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_read_stream_that_fails_to_rewind_for_a_307_ends_with_SendFailRewind_and_keeps_what_it_threw(bool useAsync)
    {
        var (easy, ledger) = Handle("/redirect/307?to=/echo");
        easy.FollowLocation = true;
        easy.Post = true;
        easy.ReadData = new UnseekableInPractice(new byte[1000]);
        easy.PostFieldSize = 1000;
        easy.WriteData = Stream.Null;

        var code = await Perform(easy, ledger, useAsync);

        Run.AssertCode(CurlCode.SendFailRewind, code, easy, ledger);
        Assert.IsType<IOException>(easy.CallbackException);
        Assert.Contains("rewind", easy.ErrorMessage);
        Finish(easy, ledger);
    }

    private (CurlEasy, CallbackLedger) Upload(ProbeStream input)
    {
        var (easy, ledger) = Handle("/echo");
        easy.Post = true;
        easy.ReadData = input;
        easy.PostFieldSize = UploadSize;
        input.Length0 = UploadSize;
        easy.WriteData = Stream.Null;
        return (easy, ledger);
    }

    private static Task<CurlCode> Perform(CurlEasy easy, CallbackLedger ledger, bool useAsync) =>
        useAsync ? easy.PerformAsyncGuarded(CancellationToken.None, ledger) : easy.PerformGuarded(ledger);

    private static void Finish(CurlEasy easy, CallbackLedger ledger)
    {
        easy.Dispose();
        Assert.NotEmpty(ledger.Opens);
        ledger.AssertBalanced();
    }

    private static Exception Make(string name) => name switch
    {
        nameof(OperationCanceledException) => new OperationCanceledException("the stream cancelled on its own"),
        nameof(InvalidOperationException) => new InvalidOperationException("the stream is in the wrong state"),
        _ => new UnauthorizedAccessException("the stream may not be written"),
    };

    /// <summary>A stream that counts how it is used, can throw on every call, and supplies <see cref="Length0"/> bytes when read.</summary>
    private sealed class ProbeStream : Stream
    {
        private long _position;
        private readonly object _gate = new();
        private readonly HashSet<int> _threads = [];

        public Func<Exception>? Fail { get; init; }
        public int? ReadResult { get; init; }
        public long Length0 { get; set; }
        public long Written { get; private set; }
        public int SyncWrites { get; private set; }
        public int AsyncWrites { get; private set; }
        public int SyncReads { get; private set; }
        public int AsyncReads { get; private set; }
        public IReadOnlyList<int> Threads { get { lock (_gate) return [.. _threads]; } }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            SyncReads++;
            return Take(buffer);
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncReads++;
            return ValueTask.FromResult(Take(buffer.Span));
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            SyncWrites++;
            Put(buffer.Length);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            AsyncWrites++;
            Put(buffer.Length);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Take(Span<byte> buffer)
        {
            Note();
            if (ReadResult is { } fixedResult) return fixedResult;
            int n = (int)Math.Min(buffer.Length, Length0 - _position);
            buffer[..n].Fill((byte)'u');
            _position += n;
            return n;
        }

        private void Put(int length)
        {
            Note();
            Written += length;
        }

        private void Note()
        {
            lock (_gate) _threads.Add(Environment.CurrentManagedThreadId);
            if (Fail is not null) throw Fail();
        }
    }
}
