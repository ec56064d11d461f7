using System.Net;
using System.Net.Sockets;

namespace Curlew.Tests.Support;

/// <summary>
/// A loopback port that listens and never accepts, to prove nobody connected. A finished transfer's connection would
/// already sit in the accept queue (the kernel completes the handshake), so the check needs no waiting.
/// </summary>
public sealed class SilentListener : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public SilentListener() => _listener.Start();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether any connection arrived (queued, never accepted) so far.</summary>
    public bool AnyoneConnected => _listener.Pending();

    public void Dispose() => _listener.Stop();
}
