namespace Curlew.Connect.Tcp;

/// <summary>
/// The <c>ConnectTo</c> option: "host:port:connect-host:connect-port" sends a transfer for host:port to another place
/// while the URL (Host header, TLS name) stays the same. An empty host or port matches any; an empty connect-host or
/// connect-port keeps the original. The first matching entry wins.
/// </summary>
internal static class ConnectToRules
{
    public static (string Host, int Port) Apply(IReadOnlyList<string>? rules, string host, int port)
    {
        if (rules is null) return (host, port);
        foreach (var rule in rules)
        {
            var fields = SplitFields(rule);
            if (fields is null) continue;
            var (fromHost, fromPort, toHost, toPort) = fields.Value;
            if (fromHost.Length > 0 && !string.Equals(fromHost, host, StringComparison.OrdinalIgnoreCase)) continue;
            if (fromPort.Length > 0 && (!int.TryParse(fromPort, out var fp) || fp != port)) continue;
            var newHost = toHost.Length > 0 ? toHost : host;
            var newPort = toPort.Length > 0 && int.TryParse(toPort, out var tp) && tp is > 0 and <= 65535 ? tp : port;
            return (newHost, newPort);
        }
        return (host, port);
    }

    // Splits on ':' outside brackets into exactly four fields; brackets are removed from hosts.
    private static (string, string, string, string)? SplitFields(string rule)
    {
        var parts = new List<string>(4);
        int start = 0, depth = 0;
        for (int i = 0; i < rule.Length; i++)
        {
            if (rule[i] == '[') depth++;
            else if (rule[i] == ']') depth--;
            else if (rule[i] == ':' && depth == 0) { parts.Add(rule[start..i]); start = i + 1; }
        }
        parts.Add(rule[start..]);
        if (parts.Count != 4) return null;
        static string Unbracket(string h) => h.StartsWith('[') && h.EndsWith(']') ? h[1..^1] : h;
        return (Unbracket(parts[0]), parts[1], Unbracket(parts[2]), parts[3]);
    }
}
