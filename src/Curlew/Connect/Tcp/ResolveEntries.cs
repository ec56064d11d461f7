using System.Net;

namespace Curlew.Connect.Tcp;

/// <summary>
/// The <c>Resolve</c> option: "host:port:addr[,addr...]" pins a name to addresses, "-host:port" removes an earlier pin
/// ("+host:port:..." is accepted as a plain pin). Later entries win. Malformed entries are ignored, as libcurl does.
/// </summary>
internal sealed class ResolveEntries
{
    private readonly Dictionary<(string Host, int Port), IPAddress[]> _pins = [];

    public ResolveEntries(IReadOnlyList<string>? entries)
    {
        if (entries is null) return;
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (entry.StartsWith('-'))
            {
                if (TrySplitHostPort(entry[1..], out var host, out var port, out _)) _pins.Remove((host, port));
                continue;
            }
            if (entry.StartsWith('+')) entry = entry[1..];
            if (!TrySplitHostPort(entry, out var h, out var p, out var rest) || rest is null) continue;
            var addresses = ParseAddresses(rest);
            if (addresses.Length > 0) _pins[(h, p)] = addresses;
        }
    }

    public bool TryGet(string host, int port, out IPAddress[] addresses) =>
        _pins.TryGetValue((host.ToLowerInvariant(), port), out addresses!);

    // "host:port[:rest]" where host may be a bracketed IPv6 literal.
    private static bool TrySplitHostPort(string s, out string host, out int port, out string? rest)
    {
        host = ""; port = 0; rest = null;
        int hostEnd;
        if (s.StartsWith('['))
        {
            int close = s.IndexOf(']');
            if (close < 0 || close + 1 >= s.Length || s[close + 1] != ':') return false;
            host = s[1..close];
            hostEnd = close + 1;
        }
        else
        {
            hostEnd = s.IndexOf(':');
            if (hostEnd <= 0) return false;
            host = s[..hostEnd];
        }
        var afterHost = s[(hostEnd + 1)..];
        int colon = afterHost.IndexOf(':');
        var portText = colon < 0 ? afterHost : afterHost[..colon];
        if (!int.TryParse(portText, out port) || port < 0 || port > 65535) return false;
        rest = colon < 0 ? null : afterHost[(colon + 1)..];
        host = host.ToLowerInvariant();
        return true;
    }

    private static IPAddress[] ParseAddresses(string list)
    {
        var result = new List<IPAddress>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = part.StartsWith('[') && part.EndsWith(']') ? part[1..^1] : part;
            if (IPAddress.TryParse(text, out var ip)) result.Add(ip);
        }
        return [.. result];
    }
}
