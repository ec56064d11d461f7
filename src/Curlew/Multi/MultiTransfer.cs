namespace Curlew;

/// <summary>Where an added handle is in its life in a multi.</summary>
internal enum MultiTransferState
{
    /// <summary>Added; the next Perform starts it.</summary>
    Added,
    /// <summary>Started and not finished (pending on connection limits counts as running, as in libcurl).</summary>
    Running,
    /// <summary>Finished; the next Perform turns it into a message.</summary>
    Finished,
    /// <summary>Its message is queued or read; it stays added until removed.</summary>
    Done,
    /// <summary>Taken out (removed, or the multi ended) while it ran: aborted, no message.</summary>
    Removed,
}

/// <summary>One handle added to a <see cref="CurlMulti"/>: its state, its running transfer and what ended it.</summary>
internal sealed class MultiTransfer(CurlMulti owner, CurlEasy easy)
{
    public CurlMulti Owner { get; } = owner;


    public CurlEasy Easy { get; } = easy;

    /// <summary>Guarded by the multi's gate.</summary>
    public MultiTransferState Stage { get; set; } = MultiTransferState.Added;

    /// <summary>Fires to abort the transfer (RemoveHandle, the multi's end, a cancelled async call).</summary>
    public CancellationTokenSource Abort { get; } = new();

    /// <summary>Completes when the started transfer has ended (finished or aborted), every socket it held put away.</summary>
    public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The transfer's result, once <see cref="MultiTransferState.Finished"/>.</summary>
    public CurlCode Result { get; set; }
}
