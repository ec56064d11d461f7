using System.Diagnostics;
using System.Text;

namespace Curlew.Tour;

/// <summary>Section 5: cancelling PerformAsync mid-body still gives every opened socket exactly one close.</summary>
internal static class Cancellation
{
    private static readonly TimeSpan CancelAfter = TimeSpan.FromMilliseconds(100);

    public static async Task RunAsync(LocalServer server, Narrator n)
    {
        n.Say($"/slow sends one line and then stalls; the token cancels after {CancelAfter.TotalMilliseconds:0} ms.");
        var log = new SocketLog(n);
        var body = new StringBuilder();
        var easy = new CurlEasy
        {
            Url = server.Url("/slow"),
            OpenSocketFunction = log.Open,
            CloseSocketFunction = log.Close,
            WriteFunction = TransferFacts.CollectInto(body),
            TimeoutMs = 5_000,   // a backstop only: a timeout would return OperationTimedout and fail the check below
        };
        try
        {
            using var cancel = new CancellationTokenSource(CancelAfter);
            var clock = Stopwatch.StartNew();
            bool cancelled = false;
            try
            {
                var code = await easy.PerformAsync(cancel.Token).ConfigureAwait(false);
                n.Show("PerformAsync returned", $"{code} ({(int)code})");
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
            }
            clock.Stop();
            n.Show("received before the cancel", body.ToString().TrimEnd());
            n.Show("ErrorMessage", easy.ErrorMessage);
            n.Check(cancelled, $"PerformAsync threw OperationCanceledException after {clock.ElapsedMilliseconds} ms");
            n.Check(clock.Elapsed < TimeSpan.FromSeconds(2), "it stopped promptly, not when the server finished");
            n.Check(log.Opens == 1 && log.Closes == 1, $"opens {log.Opens}, closes {log.Closes}: the cancelled connection was closed before the exception");
        }
        finally
        {
            easy.Dispose();
        }
        n.Check(log.Opens == log.Closes && log.StrayCloses == 0, $"after Dispose still opens {log.Opens} = closes {log.Closes}, nothing closed twice");
    }
}
