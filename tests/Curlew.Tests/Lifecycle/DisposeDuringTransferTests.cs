using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

public class DisposeDuringTransferTests : IClassFixture<KestrelFixture>
{
    private readonly KestrelTestServer _server;

    public DisposeDuringTransferTests(KestrelFixture fixture) => _server = fixture.Server;

    [Fact]
    public async Task A_connection_that_finishes_after_Dispose_is_closed_instead_of_cached()
    {
        // The route sends 5 bytes, waits, then sends the other 5: the first write proves the connection is open and the
        // transfer is in its body; the long pause keeps it running while Dispose empties the handle's cache.
        var firstBytes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var body = new MemoryStream();
        var easy = new CurlEasy
        {
            Url = _server.BaseUrl + "/slow-body/3000",
            WriteFunction = (d, _) =>
            {
                lock (body) body.Write(d);
                firstBytes.TrySetResult();
                return d.Length;
            },
        };
        var ledger = new CallbackLedger().Install(easy);
        var transfer = easy.PerformAsync();
        await firstBytes.Task.WaitAsync(Run.HangLimit);
        Assert.Single(ledger.Opens);

        easy.Dispose();                                    // the handle's cache is emptied while the transfer runs
        Assert.False(transfer.IsCompleted, $"the transfer already ended before Dispose ({transfer.Status}), so this test proved nothing");
        Assert.Empty(ledger.Closes);
        var code = await transfer.WaitAsync(Run.HangLimit);

        Run.AssertOk(code, easy, ledger);
        lock (body) Assert.Equal(KestrelTestServer.Pattern(10), body.ToArray());
        Assert.Single(ledger.Opens);
        Assert.Single(ledger.Closes);
        ledger.AssertBalanced();                          // no later Dispose will come: the close happened already
    }
}
