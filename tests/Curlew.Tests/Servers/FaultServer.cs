using System.Net;
using System.Net.Sockets;

namespace Curlew.Tests.Servers;

/// <summary>
/// A raw TCP server on 127.0.0.1 that runs a script on every accepted connection, for replies no real HTTP server
/// would send: garbage, huge heads, short bodies, resets, silence. See <see cref="FaultScripts"/> for ready-made ones.
/// The server closes each connection when its script returns (unless the script already did).
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<Socket, CancellationToken, Task> _onConnection;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _accepted;

    private FaultServer(Func<Socket, CancellationToken, Task> onConnection)
    {
        _onConnection = onConnection;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoop);
    }

    /// <summary>The TCP port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>
    /// <see cref="Accepted"/> once it reaches <paramref name="expected"/>, or after 5 s: the accept loop runs on the
    /// thread pool, so on a loaded machine a connection the kernel already completed for the client (which may even have
    /// timed out on it since) can still be waiting to be counted.
    /// </summary>
    public async Task<int> AcceptedAsync(int expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Accepted < expected && waited.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(10);   // polls the counter: a bounded wait for the accept loop to catch up
        return Accepted;
    }

    /// <summary>Errors thrown by scripts (other than cancellation and the client going away), for diagnostics.</summary>
    public List<Exception> ScriptErrors { get; } = [];

    /// <summary>Starts listening; <paramref name="onConnection"/> runs once per accepted connection.</summary>
    public static FaultServer Start(Func<Socket, CancellationToken, Task> onConnection) => new(onConnection);

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }
            Interlocked.Increment(ref _accepted);
            lock (_connections) _connections.Add(Task.Run(() => RunScript(socket)));
        }
    }

    private async Task RunScript(Socket socket)
    {
        try
        {
            await _onConnection(socket, _stop.Token);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
        {
            // The client went away first: that is often the point of the test.
        }
        catch (Exception ex)
        {
            lock (ScriptErrors) ScriptErrors.Add(ex);
        }
        finally
        {
            socket.Dispose();
        }
    }

    /// <summary>Stops listening, cancels running scripts and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        Task[] running;
        lock (_connections) running = [.. _connections];
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // A script ignoring cancellation must not hang the test run.
        }
        _stop.Dispose();
    }
}
