using System.Net.Sockets;
using System.Text;
using Curlew.Tests.Servers;

namespace Curlew.Tests.Connect;

/// <summary>Scripts for the peer of <see cref="TestLayer"/> handshakes, run by a <see cref="FaultServer"/>.</summary>
internal static class HandshakePeer
{
    /// <summary>Answers each of <paramref name="layers"/> HELLO lines with OK, then holds the connection until the client closes it.</summary>
    public static Func<Socket, CancellationToken, Task> Answers(int layers) => async (socket, ct) =>
    {
        for (int i = 0; i < layers; i++)
        {
            await ReadLineAsync(socket, ct);
            await FaultScripts.SendAsync(socket, "OK\n", ct);
        }
        await FaultScripts.WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Reads the first HELLO and never answers.</summary>
    public static Func<Socket, CancellationToken, Task> Stalls { get; } = async (socket, ct) =>
    {
        await ReadLineAsync(socket, ct);
        await FaultScripts.WaitForClientCloseAsync(socket, ct);
    };

    /// <summary>Reads the first HELLO and closes.</summary>
    public static Func<Socket, CancellationToken, Task> HangsUp { get; } = async (socket, ct) =>
    {
        await ReadLineAsync(socket, ct);
        socket.Shutdown(SocketShutdown.Send);
        await FaultScripts.WaitForClientCloseAsync(socket, ct);
    };

    private static async Task<string> ReadLineAsync(Socket socket, CancellationToken ct)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await socket.ReceiveAsync(one, SocketFlags.None, ct) == 1)
        {
            if (one[0] == '\n') break;
            line.Append((char)one[0]);
        }
        return line.ToString();
    }
}
