using Xunit;

namespace Curlew.Tests.Support;

/// <summary>Test-side helpers around a <see cref="CurlEasy"/>: hang guards and readable assertions.</summary>
public static class Run
{
    /// <summary>The longest any single transfer in the tests may take before it counts as a hang.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    /// <summary>Runs the synchronous <see cref="CurlEasy.Perform"/> on a worker thread, failing loudly if it hangs.</summary>
    public static async Task<CurlCode> PerformGuarded(this CurlEasy easy, CallbackLedger? ledger = null, TimeSpan? limit = null)
    {
        var perform = Task.Run(easy.Perform);
        try
        {
            return await perform.WaitAsync(limit ?? HangLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Perform did not return within {(limit ?? HangLimit).TotalSeconds} s (hang). {ledger?.Describe()}");
            throw;
        }
    }

    /// <summary>Runs <see cref="CurlEasy.PerformAsync"/>, failing loudly if it hangs.</summary>
    public static async Task<CurlCode> PerformAsyncGuarded(this CurlEasy easy, CancellationToken token, CallbackLedger? ledger = null, TimeSpan? limit = null)
    {
        var perform = easy.PerformAsync(token);
        try
        {
            return await perform.WaitAsync(limit ?? HangLimit);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"PerformAsync did not finish within {(limit ?? HangLimit).TotalSeconds} s (hang). {ledger?.Describe()}");
            throw;
        }
    }

    /// <summary>Asserts the transfer's result, showing ErrorMessage and the ledger when it differs.</summary>
    public static void AssertCode(CurlCode expected, CurlCode actual, CurlEasy easy, CallbackLedger? ledger = null)
    {
        if (expected != actual)
            Assert.Fail($"Expected {expected} ({(int)expected}) but the transfer returned {actual} ({(int)actual}): {easy.ErrorMessage}. {ledger?.Describe()}");
    }

    /// <summary>Asserts success, showing ErrorMessage and the ledger otherwise.</summary>
    public static void AssertOk(CurlCode actual, CurlEasy easy, CallbackLedger? ledger = null) => AssertCode(CurlCode.Ok, actual, easy, ledger);

    /// <summary>
    /// A loopback TCP port with nothing listening on it (connections to it are refused), free to bind: chosen outside
    /// the ephemeral range, so no outgoing connection on the machine takes it in the meantime.
    /// </summary>
    public static int ClosedPort() => LoopbackPort.Free();
}
