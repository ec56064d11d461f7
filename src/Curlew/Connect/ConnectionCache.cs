using Curlew.Sockets;
namespace Curlew.Connect;
internal sealed class ConnectionCache(SocketLedger ledger)
{
    public SocketLedger Ledger { get; } = ledger;
    public void CloseAll() { }
}
