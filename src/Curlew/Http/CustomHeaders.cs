namespace Curlew.Http;

/// <summary>
/// The <c>HttpHeader</c> list with curl's rules: "Name: value" is sent and replaces Curlew's own header of that name,
/// "Name:" (nothing after the colon) removes Curlew's header and sends nothing, "Name;" sends the header with an
/// empty value. Entries that fit none of these are ignored.
/// </summary>
internal sealed class CustomHeaders
{
    private readonly List<(string Name, string? Value)> _entries = [];   // Value null = remove only

    public static readonly CustomHeaders Empty = new(null);

    public CustomHeaders(IReadOnlyList<string>? raw)
    {
        if (raw is null) return;
        foreach (var line in raw)
        {
            if (line.AsSpan().ContainsAny('\r', '\n')) continue;   // never let a header smuggle another request line
            int colon = line.IndexOf(':');
            int semi = line.IndexOf(';');
            if (colon > 0 && (semi < 0 || colon < semi))
            {
                var value = line[(colon + 1)..].Trim();
                _entries.Add((line[..colon].Trim(), value.Length == 0 ? null : value));
            }
            else if (semi > 0 && line[(semi + 1)..].Trim().Length == 0)
            {
                _entries.Add((line[..semi].Trim(), ""));
            }
        }
    }

    /// <summary>True when the user set or removed <paramref name="name"/>, so Curlew must not send its own.</summary>
    public bool Overrides(string name)
    {
        foreach (var (n, _) in _entries)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    /// <summary>The user's value for <paramref name="name"/>, or null when not set (or removed).</summary>
    public string? ValueOf(string name)
    {
        foreach (var (n, v) in _entries)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return v;
        return null;
    }

    /// <summary>Headers to send, in the user's order (removals skipped). <paramref name="skip"/> names go elsewhere in the request.</summary>
    public IEnumerable<(string Name, string Value)> ToSend(string? skip = null)
    {
        foreach (var (n, v) in _entries)
        {
            if (v is null) continue;
            if (skip is not null && string.Equals(n, skip, StringComparison.OrdinalIgnoreCase)) continue;
            yield return (n, v);
        }
    }

    public bool IsEmpty => _entries.Count == 0;
}
