using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Connect;

/// <summary>A timeout's message names the phase that ran out, including on connections taken from the pool.</summary>
public sealed class ConnectPhaseTests
{
    [Fact]
    public async Task A_timeout_on_a_reused_connection_is_an_operation_timeout_not_a_resolve_timeout()
    {
        // One connection: the first request is answered, the second is read and never answered.
        await using var server = FaultServer.Start(async (socket, ct) =>
        {
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.SendAsync(socket, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", ct);
            await FaultScripts.ReadRequestHeadAsync(socket, ct);
            await FaultScripts.WaitForClientCloseAsync(socket, ct);
        });
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = server.BaseUrl + "/";
        Run.AssertOk(await easy.PerformGuarded(ledger), easy, ledger);

        easy.TimeoutMs = 400;
        var code = await easy.PerformGuarded(ledger);

        Run.AssertCode(CurlCode.OperationTimedout, code, easy, ledger);
        Assert.Single(ledger.Opens);   // the second request really ran on the pooled connection
        Assert.StartsWith("Operation timed out after ", easy.ErrorMessage);
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
