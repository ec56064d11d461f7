using System.Runtime.CompilerServices;

namespace Curlew;

// The .NET way to drive a multi: await the transfers as they finish.
public sealed partial class CurlMulti
{
    /// <summary>
    /// Runs every transfer in the multi and yields each DONE message as its transfer finishes (the loop of
    /// <see cref="Perform"/>, <see cref="Poll"/> and <see cref="InfoRead"/>, without blocking a thread); it ends when no
    /// transfer is running or pending. Messages it yields are read, as by InfoRead, and unread ones queued earlier come
    /// first. Handles added while it runs are started too. Cancelling <paramref name="cancellationToken"/> takes every
    /// handle whose transfer has not finished out of the multi (aborted as by <see cref="RemoveHandle"/>: sockets closed,
    /// no message) and throws <see cref="OperationCanceledException"/>; finished handles stay, with their unread messages.
    /// Leaving the loop early (break) leaves the transfers running in the multi, as if Perform was simply not called.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The multi was disposed.</exception>
    /// <exception cref="InvalidOperationException">Called from a callback of one of the multi's transfers.</exception>
    public async IAsyncEnumerable<CurlMsg> CompletedAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (true)
        {
            StopIfCancelled(cancellationToken);
            var code = Perform(out int running);
            if (code == CurlMCode.BadHandle) throw new ObjectDisposedException(nameof(CurlMulti));
            if (code != CurlMCode.Ok) throw new InvalidOperationException($"CompletedAsync: {StrError(code)}");
            while (InfoRead(out _) is { } message) yield return message;
            if (running == 0) yield break;
            await WaitForFinishAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForFinishAsync(CancellationToken cancellationToken)
    {
        Task changed;
        lock (_gate)
        {
            if (_ended || _finished.Count > 0 || HasUnstarted()) return;
            changed = _changed.Task;
        }
        try { await changed.WaitAsync(cancellationToken).ConfigureAwait(false); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { StopIfCancelled(cancellationToken); }
    }

    // Takes out every handle whose transfer has not finished, then throws.
    private void StopIfCancelled(CancellationToken cancellationToken)
    {
        if (!cancellationToken.IsCancellationRequested) return;
        var unfinished = new List<CurlEasy>();
        lock (_gate)
        {
            foreach (var t in _transfers)
                if (t.Stage is MultiTransferState.Added or MultiTransferState.Running) unfinished.Add(t.Easy);
        }
        foreach (var easy in unfinished) Detach(easy, waitForAbort: !InCallback);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
