using Curlew.Connect;
using Curlew.Sockets;
namespace Curlew.Transfer;
internal sealed class TransferEngine(EasyOptions options, TransferInfo info, ConnectionCache cache, SocketLedger ledger)
{
    public ValueTask RunAsync(bool synchronous, CancellationToken ct) => throw new CurlException(CurlCode.NotBuiltIn, "not yet" + options + info + cache + ledger + synchronous + ct);
}
