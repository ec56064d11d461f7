namespace Curlew.Connect.Proxy;

/// <summary>Reads exactly so many bytes of a SOCKS reply from the layer below; a proxy that hangs up early is a SOCKS failure (97).</summary>
internal static class SocksIo
{
    public static async ValueTask ReadExactlyAsync(ConnectionFilter below, Memory<byte> buffer, IoContext io, string what)
    {
        for (int filled = 0; filled < buffer.Length;)
        {
            int n = await below.ReceiveAsync(buffer[filled..], io).ConfigureAwait(false);
            if (n == 0) throw new CurlException(CurlCode.Proxy, $"Unable to receive {what}.");
            filled += n;
        }
    }
}
