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
        var easy = new CurlEasy { Url = _server.BaseUrl + "/slow-body/300", WriteFunction = (d, _) => d.Length };
        var ledger = new CallbackLedger().Install(easy);
        var transfer = easy.PerformAsync();
        await Task.Delay(100);
        easy.Dispose();                                    // the handle's cache is emptied while the transfer runs
        var code = await transfer.WaitAsync(Run.HangLimit);

        Assert.Equal(CurlCode.Ok, code);
        Assert.Single(ledger.Opens);
        ledger.AssertBalanced();                          // no later Dispose will come: the close happened already
    }
}
