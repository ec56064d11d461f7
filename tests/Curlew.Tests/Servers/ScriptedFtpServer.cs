using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Curlew.Tests.Servers;

/// <summary>
/// A small loopback FTP server whose control connection follows a script, for the faults vsftpd cannot be made to
/// produce (garbage and endless replies, PASV pointing elsewhere, a data connection that never comes, a close
/// mid-transfer, silence). One session at a time; whatever the script throws is kept for the test to see.
/// </summary>
public sealed class ScriptedFtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <summary>Starts serving <paramref name="script"/> to every connection.</summary>
    public ScriptedFtpServer(Func<FtpScriptSession, Task> script)
    {
        _listener.Start();
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket client;
                try { client = await _listener.AcceptSocketAsync(_stop.Token); }
                catch (Exception) { return; }
                await using var session = new FtpScriptSession(client, _stop.Token);
                try { await script(session); }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
                catch (Exception ex) { ScriptFailure = ex; }
            }
        });
    }

    /// <summary>The control port.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary><c>ftp://127.0.0.1:{Port}</c>.</summary>
    public string BaseUrl => $"ftp://127.0.0.1:{Port}";

    /// <summary>An unexpected exception from the script (a broken test), if any.</summary>
    public Exception? ScriptFailure { get; private set; }

    /// <summary>Stops listening and waits for the session to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _loop.WaitAsync(TimeSpan.FromSeconds(10)); }
        catch (TimeoutException) { }
        _stop.Dispose();
    }
}

/// <summary>One control connection of a <see cref="ScriptedFtpServer"/>: send replies, read commands, offer data ports.</summary>
public sealed class FtpScriptSession(Socket control, CancellationToken stop) : IAsyncDisposable
{
    private readonly NetworkStream _stream = new(control, ownsSocket: true);
    private readonly List<string> _commands = [];
    private readonly byte[] _buffer = new byte[4096];
    private readonly StringBuilder _pending = new();
    private TcpListener? _data;

    /// <summary>Fires when the server stops: a script that waits uses it so the server never outlives its test.</summary>
    public CancellationToken Stopping => stop;

    /// <summary>Commands read so far.</summary>
    public IReadOnlyList<string> Commands => _commands;

    /// <summary>Sends raw text (give your own CRLF).</summary>
    public async Task SendAsync(string text) => await _stream.WriteAsync(Encoding.Latin1.GetBytes(text), stop);

    /// <summary>Reads one command line (without CRLF); null when the client closed.</summary>
    public async Task<string?> ReadCommandAsync()
    {
        while (true)
        {
            var text = _pending.ToString();
            int end = text.IndexOf("\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 2);
                _commands.Add(text[..end]);
                return text[..end];
            }
            int n = await _stream.ReadAsync(_buffer, stop);
            if (n == 0) return null;
            _pending.Append(Encoding.Latin1.GetString(_buffer, 0, n));
        }
    }

    /// <summary>Greets, then <see cref="ServeUntilAsync"/>.</summary>
    public async Task<string?> LoginAndServeUntilAsync(Func<string, bool> stopAt, long size = -1)
    {
        await SendAsync("220 scripted\r\n");
        return await ServeUntilAsync(stopAt, size);
    }

    /// <summary>Takes USER/PASS, answers PWD, TYPE, SIZE (with <paramref name="size"/>, or 550 when negative) and CWD with success until a command <paramref name="stopAt"/> matches; returns it (null if the client closed).</summary>
    public async Task<string?> ServeUntilAsync(Func<string, bool> stopAt, long size = -1)
    {
        while (await ReadCommandAsync() is { } command)
        {
            if (stopAt(command)) return command;
            var verb = command.Split(' ')[0];
            await SendAsync(verb switch
            {
                "USER" => "331 password please\r\n",
                "PASS" => "230 in\r\n",
                "PWD" => "257 \"/\"\r\n",
                "CWD" => "250 ok\r\n",
                "TYPE" => "200 ok\r\n",
                "SIZE" => size >= 0 ? $"213 {size}\r\n" : "550 no\r\n",
                "QUIT" => "221 bye\r\n",
                _ => "500 unknown\r\n",
            });
        }
        return null;
    }

    /// <summary>Starts a data listener on loopback and returns its port (for an EPSV or PASV reply).</summary>
    public int OfferDataPort()
    {
        _data = new TcpListener(IPAddress.Loopback, 0);
        _data.Start();
        return ((IPEndPoint)_data.LocalEndpoint).Port;
    }

    /// <summary>Accepts the client's data connection on the offered port.</summary>
    public async Task<Socket> AcceptDataAsync() => await _data!.AcceptSocketAsync(stop);

    /// <summary>Whether the client connected to the offered data port (without accepting).</summary>
    public bool DataConnectionPending => _data?.Pending() ?? false;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _data?.Stop();
        await _stream.DisposeAsync();
    }
}
