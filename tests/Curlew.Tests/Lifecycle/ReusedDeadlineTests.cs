using Curlew.Tests.Servers;
using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Lifecycle;

/// <summary>
/// An asynchronous handle keeps its deadline source from one perform to the next (issue 15: no linked source and timer
/// per keep-alive request). The deadline and the caller's token must still act on every later perform, and a token
/// from an earlier perform must never reach a later one.
/// </summary>
public sealed class ReusedDeadlineTests(KestrelFixture kestrel) : IClassFixture<KestrelFixture>
{
    [Fact]
    public async Task The_overall_timeout_still_fires_after_many_kept_alive_performs()
    {
        using var easy = new CurlEasy { TimeoutMs = 30_000 };
        var ledger = new CallbackLedger().Install(easy);
        var capture = new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";
        for (int i = 0; i < 5; i++) Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);
        Assert.Single(ledger.Opens);   // kept alive throughout

        easy.TimeoutMs = 300;
        easy.Url = kestrel.BaseUrl + "/slow-body/20000";
        Assert.Equal(CurlCode.OperationTimedout, await easy.PerformAsyncGuarded(CancellationToken.None, ledger));
        Assert.StartsWith("Operation timed out after", easy.ErrorMessage);

        // After it fired, the next perform gets a fresh deadline, not one that has already passed.
        easy.TimeoutMs = 30_000;
        easy.Url = kestrel.BaseUrl + "/hello";
        capture.Clear();
        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);
        Assert.Equal("hello world\n", capture.Text);
        easy.Dispose();
        ledger.AssertBalanced();
    }

    [Fact]
    public async Task A_token_of_an_earlier_perform_does_not_reach_a_later_one_and_a_later_token_still_cancels()
    {
        using var easy = new CurlEasy();
        var ledger = new CallbackLedger().Install(easy);
        new TransferCapture().Install(easy);
        easy.Url = kestrel.BaseUrl + "/hello";
        using (var first = new CancellationTokenSource())
        {
            Run.AssertOk(await easy.PerformAsyncGuarded(first.Token, ledger), easy, ledger);
            first.Cancel();   // after its perform ended: must not touch the next one
        }
        Run.AssertOk(await easy.PerformAsyncGuarded(CancellationToken.None, ledger), easy, ledger);

        using var second = new CancellationTokenSource();
        Run.AssertOk(await easy.PerformAsyncGuarded(second.Token, ledger), easy, ledger);
        easy.Url = kestrel.BaseUrl + "/slow-body/20000";
        second.CancelAfter(200);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => easy.PerformAsyncGuarded(second.Token, ledger));
        easy.Dispose();
        ledger.AssertBalanced();
    }
}
