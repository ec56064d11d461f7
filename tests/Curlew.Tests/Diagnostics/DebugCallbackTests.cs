using System.Text;
using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Diagnostics;

/// <summary>The debug callback (libcurl's CURLOPT_DEBUGFUNCTION) sees text, headers and data in and out, in order.</summary>
public sealed class DebugCallbackTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    private sealed class Recorder
    {
        public readonly List<(CurlInfoType Type, string Text)> Events = [];
        public object? SeenUserData;

        public int Record(CurlInfoType type, ReadOnlySpan<byte> data, object? userdata)
        {
            SeenUserData = userdata;
            Events.Add((type, Encoding.Latin1.GetString(data)));
            return 0;
        }

        public string All(CurlInfoType type) => string.Concat(Events.Where(e => e.Type == type).Select(e => e.Text));
        public string Show() => string.Join("\n", Events.Select(e => $"{e.Type}: {e.Text.TrimEnd()}"));
    }

    [Fact]
    public async Task A_GET_reports_the_request_head_each_response_header_line_and_the_body_bytes()
    {
        var recorder = new Recorder();
        var trace = new StringWriter();
        var userData = new object();
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/hello", Verbose = true, Stderr = trace, DebugFunction = recorder.Record, DebugData = userData };
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        Assert.Same(userData, recorder.SeenUserData);
        var head = Assert.Single(recorder.Events, e => e.Type == CurlInfoType.HeaderOut).Text;
        Assert.StartsWith("GET /hello HTTP/1.1\r\n", head);
        Assert.EndsWith("\r\n\r\n", head);
        var headerLines = recorder.Events.Where(e => e.Type == CurlInfoType.HeaderIn).Select(e => e.Text).ToList();
        Assert.StartsWith("HTTP/1.1 200", headerLines[0]);
        Assert.Equal("\r\n", headerLines[^1]);
        Assert.All(headerLines, l => Assert.EndsWith("\r\n", l));
        Assert.Equal(capture.Text, recorder.All(CurlInfoType.DataIn));
        Assert.Contains(recorder.Events, e => e.Type == CurlInfoType.Text && e.Text.StartsWith("Connected to ", StringComparison.Ordinal) && e.Text.EndsWith('\n'));
        int headOut = recorder.Events.FindIndex(e => e.Type == CurlInfoType.HeaderOut);
        int firstIn = recorder.Events.FindIndex(e => e.Type == CurlInfoType.HeaderIn);
        int firstData = recorder.Events.FindIndex(e => e.Type == CurlInfoType.DataIn);
        Assert.True(headOut < firstIn && firstIn < firstData, "order must be head out, headers in, data in:\n" + recorder.Show());
        Assert.True(trace.ToString().Length == 0, "with a debug callback the text trace is not written (libcurl's rule): " + trace);
    }

    [Fact]
    public async Task A_POST_reports_its_body_as_data_out()
    {
        var recorder = new Recorder();
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/echo", Verbose = true, DebugFunction = recorder.Record };
        Assert.Equal(CurlCode.Ok, easy.SetOpt(CurlOption.PostFields, "name=curlew&x=1"));
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        Assert.Equal("name=curlew&x=1", recorder.All(CurlInfoType.DataOut));
    }

    [Fact]
    public async Task A_chunked_upload_reports_every_byte_it_sends_as_data_out()
    {
        var recorder = new Recorder();
        byte[] payload = Encoding.ASCII.GetBytes(new string('u', 70_000));
        var source = new MemoryStream(payload);
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/echo", Verbose = true, DebugFunction = recorder.Record, Upload = true, ReadData = source };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        string sent = recorder.All(CurlInfoType.DataOut);
        Assert.EndsWith("0\r\n\r\n", sent);
        Assert.Equal(payload.Length, sent.Count(c => c == 'u'));
    }

    [Fact]
    public async Task Without_Verbose_the_debug_callback_is_never_called()
    {
        var recorder = new Recorder();
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/hello", DebugFunction = recorder.Record };
        new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(), easy);

        Assert.Empty(recorder.Events);
    }

    [Fact]
    public async Task A_debug_callback_that_throws_changes_neither_the_result_nor_the_socket_bookkeeping()
    {
        int calls = 0;
        using var easy = new CurlEasy
        {
            Url = kestrel.BaseUrl + "/hello", Verbose = true,
            DebugFunction = (type, data, userdata) => { calls++; throw new InvalidOperationException("debug consumer bug"); },
        };
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);   // reuses the connection: its text event throws too

        Assert.True(calls > 4, $"the callback was called {calls} times: the test proves nothing");
        Assert.Equal("hello world\nhello world\n", capture.Text);
        Assert.Null(easy.CallbackException);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_chunked_body_is_reported_as_received_size_lines_and_all_while_the_sink_gets_it_decoded()
    {
        // libcurl hands CURLINFO_DATA_IN the bytes it read, before undoing the chunked coding; curl's --trace shows them.
        var recorder = new Recorder();
        using var easy = new CurlEasy { Url = kestrel.BaseUrl + "/chunked/1000", Verbose = true, DebugFunction = recorder.Record };
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);

        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        string raw = recorder.All(CurlInfoType.DataIn);
        Assert.Equal(1000, capture.Body.Length);
        Assert.EndsWith("0\r\n\r\n", raw);
        Assert.Equal(capture.Body, Encoding.Latin1.GetBytes(Dechunk(raw)));
    }

    // A plain reading of chunked framing, independent of the library's decoder.
    private static string Dechunk(string raw)
    {
        var body = new StringBuilder();
        int at = 0;
        while (true)
        {
            int lineEnd = raw.IndexOf("\r\n", at, StringComparison.Ordinal);
            int size = Convert.ToInt32(raw[at..lineEnd], 16);
            at = lineEnd + 2;
            if (size == 0) return body.ToString();
            body.Append(raw, at, size);
            at += size + 2;
        }
    }
}
