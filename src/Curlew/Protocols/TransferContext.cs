using Curlew.Connect;

namespace Curlew.Protocols;

/// <summary>What the engine hands every protocol handler for one perform: connections, I/O, what GetInfo reports, progress and the sinks.</summary>
internal readonly record struct TransferContext(ConnectionProvider Connections, IoContext Io, TransferInfo Info,
    ProgressMeter Progress, LowSpeedGuard LowSpeed, OutputSink Body, OutputSink? Headers);
