using Curlew.Connect;

namespace Curlew;

// Membership in a multi handle (libcurl's data->multi): while a handle is in one, the multi runs its transfers on the
// multi's connection pool, and Perform/PerformAsync refuse as curl_easy_perform does.
public sealed partial class CurlEasy
{
    private const string InMultiMessage = "easy handle already used in multi handle";   // libcurl's words
    private IEasyOwner? _owner;
    private ConnectionPool? _multiPool;

    private bool InMulti => Volatile.Read(ref _owner) is not null;

    /// <summary>The multi this handle is in, or null.</summary>
    internal IEasyOwner? Owner => Volatile.Read(ref _owner);

    /// <summary>
    /// Joins <paramref name="owner"/>, whose transfers use <paramref name="pool"/>. False when the handle is already in
    /// one (this or another) or a Perform of its own is running, as libcurl then says CURLM_ADDED_ALREADY.
    /// </summary>
    internal bool TryJoinOwner(IEasyOwner owner, ConnectionPool pool)
    {
        if (_disposed) return false;
        if (Interlocked.CompareExchange(ref _owner, owner, null) is not null) return false;
        if (Volatile.Read(ref _busy) != 0)
        {
            Volatile.Write(ref _owner, null);   // its own Perform is running (say, this is called from one of its callbacks)
            return false;
        }
        _multiPool = pool;
        return true;
    }

    /// <summary>Leaves the owner; the handle's own cache (untouched meanwhile) serves its next Perform.</summary>
    internal void LeaveOwner()
    {
        _multiPool = null;
        Volatile.Write(ref _owner, null);
    }

    /// <summary>Runs one transfer for the owner (asynchronously, on the owner's pool); cancelling throws <see cref="OperationCanceledException"/>.</summary>
    internal ValueTask<CurlCode> RunForOwner(CancellationToken cancellationToken) => Run(synchronous: false, cancellationToken, byOwner: true);

    /// <summary>Whether <see cref="Dispose"/> was called.</summary>
    internal bool IsDisposed => _disposed;

    /// <summary>The owner aborted the transfer (removed the handle, or ended): say so instead of "cancelled".</summary>
    internal void NoteAbortedByOwner() => ErrorMessage = "The transfer was aborted: its handle was taken out of the multi handle";

    private void LeaveMultiOnDispose() => Owner?.OnEasyDisposing(this);
}
