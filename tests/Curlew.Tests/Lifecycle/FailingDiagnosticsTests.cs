using System.Diagnostics.Metrics;
using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>
/// Diagnostics run in the middle of Curlew's socket bookkeeping (a connection just taken from the cache, a socket just
/// handed over by the open callback, a close in the middle of Dispose). When they fail, no socket may be lost.
/// </summary>
public sealed class FailingVerboseTraceTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    /// <summary>A trace writer that fails as a closed pipe would, on every line or only on lines containing a word.</summary>
    private sealed class BrokenWriter(string? failOn = null) : TextWriter
    {
        public int Failures;
        public override Encoding Encoding => Encoding.UTF8;
        public override void WriteLine(string? value)
        {
            if (failOn is null || (value?.Contains(failOn, StringComparison.Ordinal) ?? false))
            {
                Interlocked.Increment(ref Failures);
                throw new IOException("Broken pipe");
            }
        }
    }

    [Fact]
    public async Task A_trace_writer_that_fails_when_a_cached_connection_is_reused_neither_fails_the_transfer_nor_leaks_the_socket()
    {
        var trace = new BrokenWriter(failOn: "Re-using");
        var easy = new CurlEasy { Verbose = true, Stderr = trace, Url = kestrel.BaseUrl + "/hello" };
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);   // takes the cached connection; its trace line fails

        Assert.True(trace.Failures >= 1, "the broken writer was never asked to write the reuse line: the test proves nothing");
        Assert.Single(ledger.OpenAttempts);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_trace_writer_that_always_fails_leaves_every_transfer_and_socket_as_without_a_trace()
    {
        var trace = new BrokenWriter();
        var easy = new CurlEasy();
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Verbose, 1L));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Stderr, trace));
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";

        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);

        Assert.Equal("hello world\n", capture.Text);
        Assert.True(trace.Failures >= 3, $"only {trace.Failures} trace writes were attempted");
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public void Stderr_accepts_a_writer_or_a_writable_stream_and_refuses_anything_else()
    {
        using var easy = new CurlEasy();
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Stderr, new StringWriter()));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Stderr, new MemoryStream()));
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.Stderr, null));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.Stderr, "stderr"));
        Assert.Equal(CurlCode.BadFunctionArgument, easy.SetOpt(CurlOption.Stderr, new MemoryStream([], writable: false)));
    }

    [Fact]
    public async Task The_verbose_trace_goes_to_the_Stderr_writer()
    {
        var trace = new StringWriter();
        using var easy = new CurlEasy { Verbose = true, Stderr = trace, Url = kestrel.BaseUrl + "/hello" };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        var text = trace.ToString();
        Assert.Contains("> GET /hello HTTP/1.1", text);
        Assert.Contains("< HTTP/1.1 200 OK", text);
    }
}

/// <summary>Meter listeners are process-wide, so these run alone, after the parallel tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideListenerCollection
{
    public const string Name = "process-wide meter listeners";
}

[Collection(ProcessWideListenerCollection.Name)]
public sealed class FailingMeterListenerTests
{
    private static MeterListener ThrowingListenerOn(string instrumentName, Action? counted = null)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Curlew" && instrument.Name == instrumentName) l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            counted?.Invoke();
            throw new InvalidOperationException("listener exploded");
        });
        listener.Start();
        return listener;
    }

    [Fact]
    public async Task A_listener_that_throws_when_a_socket_is_opened_does_not_leak_that_socket()
    {
        await using var server = await KestrelTestServer.StartAsync();
        int calls = 0;
        var easy = new CurlEasy { Url = server.BaseUrl + "/hello" };
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);

        CurlCode code;
        using (ThrowingListenerOn("curlew.sockets.opened", () => Interlocked.Increment(ref calls)))
            code = await easy.PerformGuarded(ledger);

        Assert.True(calls >= 1, "the listener never ran: the test proves nothing");
        Run.AssertOk(code, easy, ledger);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_listener_that_throws_when_a_socket_is_closed_does_not_stop_Dispose_closing_the_others()
    {
        await using var first = await KestrelTestServer.StartAsync();
        await using var second = await KestrelTestServer.StartAsync();
        int calls = 0;
        var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = first.BaseUrl + "/hello";
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        easy.Url = second.BaseUrl + "/hello";
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
        Assert.Equal(2, ledger.OpenCount);   // two cached connections wait for Dispose

        using (ThrowingListenerOn("curlew.sockets.closed", () => Interlocked.Increment(ref calls)))
            easy.Dispose();   // must neither throw nor stop after the first close

        Assert.Equal(2, calls);
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_listener_that_throws_on_every_Curlew_instrument_changes_no_result()
    {
        await using var server = await KestrelTestServer.StartAsync();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == "Curlew") l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) => throw new InvalidOperationException("listener exploded"));
        listener.Start();
        using (listener)
        {
            var easy = new CurlEasy { Url = server.BaseUrl + "/hello" };
            var ledger = new CallbackLedger().Install(easy);
            new TransferCapture().Install(easy);
            Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);
            Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);
            easy.Url = server.BaseUrl + "/status/404";
            easy.FailOnError = true;
            Run.AssertCode(CurlCode.HttpReturnedError, await easy.PerformGuarded(ledger), easy, ledger);
            easy.Dispose();
            ledger.AssertBalanced();
        }
    }
}
