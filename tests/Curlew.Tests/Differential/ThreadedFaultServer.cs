using System.Net;
using System.Net.Sockets;

namespace Curlew.Tests.Differential;

/// <summary>
/// A raw TCP server on 127.0.0.1 that runs a blocking script on a dedicated background thread per connection.
/// The differential fault cases use it instead of the shared async <see cref="Servers.FaultServer"/> because their
/// scripts are timed against 500 ms client timeouts: on a 2-core runner with both engines blocking in Perform and
/// xUnit running classes in parallel, thread-pool starvation delayed async scripts past those timeouts.
/// Lives for the whole test process (background threads; nothing to dispose).
/// </summary>
public sealed class ThreadedFaultServer
{
    private readonly Socket _listener;
    private readonly Action<Socket> _script;

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
        while (true)
        {
            Socket connection;
            try
            {
                connection = _listener.Accept();
            }
            catch (SocketException)
            {
                continue;
            }
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
            connection.Dispose();
        }
    }
}
