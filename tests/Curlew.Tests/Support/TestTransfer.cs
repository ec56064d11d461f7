namespace Curlew.Tests.Support;

/// <summary>
/// A handle with a <see cref="CallbackLedger"/> and a <see cref="TransferCapture"/> installed: the usual set-up of an
/// HTTP test. <see cref="Finish"/> disposes the handle and asserts the ledger is balanced.
/// </summary>
public sealed class TestTransfer : IDisposable
{
    /// <summary>Creates the handle and points it at <paramref name="url"/>.</summary>
    public TestTransfer(string url)
    {
        Easy = new CurlEasy { Url = url };
        Ledger = new CallbackLedger().Install(Easy);
        Capture = new TransferCapture().Install(Easy);
    }

    /// <summary>The handle under test.</summary>
    public CurlEasy Easy { get; }

    /// <summary>The socket ledger installed on it.</summary>
    public CallbackLedger Ledger { get; }

    /// <summary>What the transfer delivered.</summary>
    public TransferCapture Capture { get; }

    /// <summary>Performs (synchronously, with a hang guard) and returns the code.</summary>
    public Task<CurlCode> Perform() => Easy.PerformGuarded(Ledger);

    /// <summary>Performs and fails the test unless the result is Ok.</summary>
    public async Task PerformOk()
    {
        var code = await Perform();
        Run.AssertOk(code, Easy, Ledger);
    }

    /// <summary>Performs and fails the test unless the result is <paramref name="expected"/>.</summary>
    public async Task PerformExpecting(CurlCode expected)
    {
        var code = await Perform();
        Run.AssertCode(expected, code, Easy, Ledger);
    }

    /// <summary>Disposes the handle and asserts every socket went through the open callback and was closed exactly once.</summary>
    public void Finish()
    {
        Easy.Dispose();
        // A balanced ledger proves nothing if the callbacks were bypassed: every transfer here connects at least once.
        if (Ledger.OpenAttempts.Count == 0)
            Xunit.Assert.Fail("the open-socket callback was never called, so Curlew created its socket some other way (rule 1)");
        Ledger.AssertBalanced();
    }

    /// <inheritdoc />
    public void Dispose() => Easy.Dispose();
}
