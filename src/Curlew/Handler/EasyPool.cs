namespace Curlew;

/// <summary>
/// The handler's idle <see cref="CurlEasy"/> handles, per server (scheme, host and port of the request): each handle
/// keeps its own cached connection, so reusing a handle reuses its connection. A request takes an idle handle or makes
/// a new one, at most <c>limit()</c> (read when the server is first seen) at a time per server (more wait their turn, in order); it gives the handle back
/// when its transfer has ended. <see cref="Dispose"/> closes every idle handle, and any handle given back afterwards.
/// </summary>
internal sealed class EasyPool(Func<int> limit, Func<PooledHandle> create) : IDisposable
{
    private readonly Dictionary<string, Server> _servers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private bool _disposed;

    internal sealed class Server(int limit)
    {
        public readonly Stack<PooledHandle> Idle = new();
        public readonly SemaphoreSlim? Slots = limit == int.MaxValue ? null : new SemaphoreSlim(limit, limit);
    }

    /// <summary>A handle for a request to <paramref name="serverKey"/>, once one of the server's slots is free.</summary>
    public async ValueTask<Lease> RentAsync(string serverKey, CancellationToken cancellationToken)
    {
        Server server;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, typeof(CurlHttpHandler));
            if (!_servers.TryGetValue(serverKey, out server!)) _servers[serverKey] = server = new Server(limit());
        }
        if (server.Slots is not null) await server.Slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            if (_disposed)
            {
                server.Slots?.Release();
                throw new ObjectDisposedException(nameof(CurlHttpHandler));
            }
            return new Lease(this, server, server.Idle.TryPop(out var idle) ? idle : create());
        }
    }

    private void Return(Server server, PooledHandle handle, bool keep)
    {
        bool dispose;
        lock (_gate)
        {
            dispose = _disposed || !keep;
            if (!dispose) server.Idle.Push(handle);
        }
        if (dispose) handle.Easy.Dispose();
        server.Slots?.Release();
    }

    /// <summary>Closes every idle handle; handles still in use are closed when they come back.</summary>
    public void Dispose()
    {
        List<PooledHandle> idle = [];
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var server in _servers.Values)
                while (server.Idle.TryPop(out var easy)) idle.Add(easy);
        }
        foreach (var handle in idle) handle.Easy.Dispose();
    }

    /// <summary>One handle lent to one request.</summary>
    public sealed class Lease(EasyPool pool, Server server, PooledHandle handle)
    {
        private int _returned;

        public PooledHandle Handle { get; } = handle;

        public CurlEasy Easy => Handle.Easy;

        /// <summary>Gives the handle back (kept for the next request when <paramref name="keep"/>, else closed); once.</summary>
        public void Return(bool keep)
        {
            if (Interlocked.Exchange(ref _returned, 1) != 0) return;
            pool.Return(server, Handle, keep);
        }
    }
}
