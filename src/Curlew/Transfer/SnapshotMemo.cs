using Curlew.Http;

namespace Curlew.Transfer;

/// <summary>
/// The last per-layer snapshot a handle made, kept while the options behind it stay the same: repeated performs on a
/// keep-alive connection then build none, so the hot path allocates no more than it did before layers had snapshots.
/// Shared by every clone of one option store (the engine gets a clone per perform); one perform at a time uses it.
/// </summary>
internal sealed class SnapshotMemo
{
    public HttpSettings? Http;

    /// <summary>The options <see cref="Http"/> was made from.</summary>
    public EasyOptions? HttpSource;
}
