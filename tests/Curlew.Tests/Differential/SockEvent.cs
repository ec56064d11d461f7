using System.Net;
using System.Net.Sockets;

namespace Curlew.Tests.Differential;

/// <summary>What a socket callback saw, or a marker the harness inserts between steps.</summary>
public enum SockEventKind
{
    /// <summary>The open-socket callback ran.</summary>
    Open,
    /// <summary>The sockopt callback ran.</summary>
    SockOpt,
    /// <summary>The close-socket callback ran.</summary>
    Close,
    /// <summary>Not a callback: the harness marks where a perform (or the cleanup) ended.</summary>
    Mark,
}

/// <summary>
/// One entry of the callback sequence. For <see cref="SockEventKind.Open"/> the address is what the callback was given
/// (before any rewrite); for sockopt and close it is where that socket was aimed (after the rewrite).
/// <see cref="SockTypeRaw"/> is what the engine showed (libcurl ORs in SOCK_CLOEXEC); <see cref="SockType"/> is masked
/// and is what gets compared.
/// </summary>
public sealed record SockEvent(
    SockEventKind Kind,
    int Purpose,
    AddressFamily Family,
    string Ip,
    int Port,
    int SockTypeRaw = 0,
    int SockType = 0,
    int Protocol = 0,
    string? Note = null)
{
    /// <summary>The part two engines must agree on (socket ids and raw socktype excluded).</summary>
    public string Key => Kind switch
    {
        SockEventKind.Mark => $"-- {Note} --",
        SockEventKind.Open => $"open    purpose={Purpose} {Family} {Ip}:{Port} socktype={SockType} protocol={Protocol}{(Note is null ? "" : " " + Note)}",
        SockEventKind.SockOpt => $"sockopt purpose={Purpose} {Family} {Ip}:{Port}{(Note is null ? "" : " " + Note)}",
        _ => $"close   purpose={Purpose} {Family} {Ip}:{Port}",
    };

    public override string ToString() =>
        Kind == SockEventKind.Open ? $"{Key} (raw socktype 0x{SockTypeRaw:x})" : Key;

    public static SockEvent Mark(string note) => new(SockEventKind.Mark, -1, AddressFamily.Unspecified, "", 0, Note: note);
}

/// <summary>
/// What the test's socket callbacks do; the same policy object drives the libcurl and the Curlew recorder.
/// Indexes count calls of that callback on the handle, from 0.
/// </summary>
public sealed class SocketPolicy
{
    /// <summary>Install the three socket callbacks at all (default yes).</summary>
    public bool Install { get; init; } = true;

    /// <summary>Return CURL_SOCKET_BAD / null for this open call.</summary>
    public Func<int, IPEndPoint, bool>? Refuse { get; init; }

    /// <summary>Rewrite the target of this open call (null = keep).</summary>
    public Func<int, IPEndPoint, IPEndPoint?>? Rewrite { get; init; }

    /// <summary>The sockopt answer for this call: 0 ok, 1 error, 2 already connected.</summary>
    public Func<int, int>? SockOpt { get; init; }

    /// <summary>The open callback connects the socket itself (blocking) to the (rewritten) target: the external-socket pattern, paired with SockOpt = 2.</summary>
    public bool ConnectInOpen { get; init; }

    public static SocketPolicy Default { get; } = new();
}

/// <summary>Serialises an IP end point the same way for both engines.</summary>
internal static class EndPointText
{
    public static string Ip(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}
