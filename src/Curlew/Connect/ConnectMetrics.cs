namespace Curlew.Connect;

/// <summary>
/// What one perform's connections add up to, for GetInfo: CURLINFO_NUM_CONNECTS and the NAMELOOKUP and CONNECT times
/// (microseconds since the transfer started). The meter and EventSource count connections through the event seam.
/// </summary>
internal sealed class ConnectMetrics
{
    /// <summary>New connections made so far (CURLINFO_NUM_CONNECTS).</summary>
    public int NewConnections { get; private set; }

    /// <summary>When the last new connection was up.</summary>
    public long ConnectTimeUs { get; private set; }

    /// <summary>When the last name resolution finished.</summary>
    public long NameLookupTimeUs { get; private set; }

    /// <summary>When the last new connection's TLS handshake was done (CURLINFO_APPCONNECT_TIME); 0 without TLS.</summary>
    public long AppConnectTimeUs { get; private set; }

    public void HandshakeDone(IoContext io) => AppConnectTimeUs = io.ElapsedMicroseconds;

    public void Resolved(IoContext io) => NameLookupTimeUs = io.ElapsedMicroseconds;

    /// <summary>A second connection of a transfer (FTP passive data): libcurl counts it, without moving the connect time.</summary>
    public void CreatedData() => NewConnections++;

    public void Created(IoContext io)
    {
        NewConnections++;
        ConnectTimeUs = io.ElapsedMicroseconds;

    }
}
