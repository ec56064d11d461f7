using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Curlew.Tests.Differential;

/// <summary>
/// A raw TCP server on 127.0.0.1 that runs a blocking script on a dedicated background thread per connection.
/// The differential fault cases use it instead of the shared async <see cref="Servers.FaultServer"/> because their
/// scripts are timed against 500 ms client timeouts: on a 2-core runner with both engines blocking in Perform and
/// xUnit running classes in parallel, thread-pool starvation delayed async scripts past those timeouts.
/// <see cref="DiffServers"/> owns every instance and disposes it when the test run ends.
/// </summary>
public sealed class ThreadedFaultServer : IDisposable
{
    private readonly Socket _listener;
    private readonly Action<Socket> _script;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private volatile bool _disposed;

    private ThreadedFaultServer(Action<Socket> script)
    {
        _script = script;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        new Thread(AcceptLoop) { IsBackground = true, Name = $"diff-fault-accept-{Port}" }.Start();
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static ThreadedFaultServer Start(Action<Socket> script) => new(script);

    private void AcceptLoop()
    {
        while (!_disposed)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                continue;   // a client that gave up during the handshake; or the listener closed, which ends the loop
            }
            _open[connection] = 0;
            new Thread(() => Run(connection)) { IsBackground = true, Name = $"diff-fault-{Port}" }.Start();
        }
    }

    private void Run(Socket connection)
    {
        try
        {
            _script(connection);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The client went away first: often the point of the case.
        }
        finally
        {
            _open.TryRemove(connection, out _);
            connection.Dispose();
        }
    }

    /// <summary>Stops listening and closes the connections still open, which ends their scripts.</summary>
    public void Dispose()
    {
        _disposed = true;
        _listener.Dispose();
        foreach (var connection in _open.Keys) connection.Dispose();
    }
}
