namespace Curlew.Connect;

/// <summary>
/// A protocol's last word on a connection it leaves in step (FTP's QUIT), said by <see cref="Connection.Close"/>
/// (blocking, bounded) or <see cref="Connection.CloseAsync"/> (awaited, for an asynchronous transfer) before the chain
/// shuts down: kept as the connection's <see cref="Connection.ProtocolState"/>, so a pooled connection says it when
/// evicted or when the handle goes away. It must be bounded and must not throw: a failed goodbye never keeps the
/// socket from its close.
/// </summary>
internal interface IConnectionGoodbye
{
    /// <summary>
    /// Says goodbye on <paramref name="connection"/>, waiting at most <paramref name="timeoutMs"/> for an answer; with
    /// blocking I/O that completes inline when <paramref name="synchronous"/>, without holding a thread otherwise (and
    /// then ended early by <paramref name="token"/>).
    /// </summary>
    ValueTask SayGoodbyeAsync(Connection connection, int timeoutMs, bool synchronous, CancellationToken token);
}
