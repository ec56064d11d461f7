using Curlew.Tests.Support;
using Xunit;

namespace Curlew.Tests.Multi;

/// <summary>Handles with a ledger and a signal for the first body bytes, and the perform/poll loop, for the multi tests.</summary>
public static class MultiTestKit
{
    /// <summary>A handle for <paramref name="url"/> whose body is counted, with its ledger and a task that completes at the first body bytes.</summary>
    public static (CurlEasy Easy, CallbackLedger Ledger, Task FirstBytes) Handle(string url, Func<long>? onBody = null)
    {
        var firstBytes = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var easy = new CurlEasy
        {
            Url = url,
            ConnectTimeoutMs = 10_000,
            WriteFunction = (data, _) =>
            {
                firstBytes.TrySetResult();
                return onBody?.Invoke() ?? data.Length;
            },
        };
        return (easy, new CallbackLedger().Install(easy), firstBytes.Task);
    }

    /// <summary>Performs and polls until <paramref name="until"/> holds, failing after the hang limit; returns the messages read on the way.</summary>
    public static List<CurlMsg> Drive(CurlMulti multi, Func<int, bool> until)
    {
        var messages = new List<CurlMsg>();
        var deadline = DateTime.UtcNow + Run.HangLimit;
        while (true)
        {
            Assert.Equal(CurlMCode.Ok, multi.Perform(out int running));
            while (multi.InfoRead(out _) is { } m) messages.Add(m);
            if (until(running)) return messages;
            Assert.True(DateTime.UtcNow < deadline, $"the multi still had {running} transfers after {Run.HangLimit.TotalSeconds} s");
            Assert.Equal(CurlMCode.Ok, multi.Poll(100, out _));
        }
    }

    /// <summary>Drives until nothing runs; returns every DONE message.</summary>
    public static List<CurlMsg> DriveToEnd(CurlMulti multi) => Drive(multi, running => running == 0);

    /// <summary>Drives until <paramref name="signal"/> completed (a transfer reached a point).</summary>
    public static List<CurlMsg> DriveUntil(CurlMulti multi, Task signal) => Drive(multi, _ => signal.IsCompleted);
}
