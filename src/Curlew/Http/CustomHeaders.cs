namespace Curlew.Http;

/// <summary>
/// The <c>HttpHeader</c> list with curl's rules: a line with a colon and something after it is sent exactly as written
/// and replaces Curlew's own header of that name; "Name:" (only blanks after the colon) removes Curlew's header and
/// sends nothing; "Name;" sends "Name:" with an empty value. Lines that fit none of these are ignored. A name matches
/// only when the line starts with it, so " X: y" overrides nothing (but is still sent as written).
/// </summary>
internal sealed class CustomHeaders
{
    // Line: what goes on the wire (null = remove only). Value: the text after the separator, verbatim.
    private readonly List<(string Name, string? Line, string Value)> _entries = [];

    public static readonly CustomHeaders Empty = new(null);

    public CustomHeaders(IReadOnlyList<string>? raw)
    {
        if (raw is null) return;
        foreach (var line in raw)
        {
            if (line.AsSpan().ContainsAny('\r', '\n')) continue;   // never let a header smuggle another request line
            int colon = line.IndexOf(':');
            if (colon > 0)
            {
                var value = line[(colon + 1)..];
                _entries.Add((line[..colon], value.AsSpan().Trim().IsEmpty ? null : line, value));
                continue;
            }
            if (colon == 0) continue;
            int semi = line.IndexOf(';');
            if (semi > 0 && line.AsSpan(semi + 1).Trim().IsEmpty)
                _entries.Add((line[..semi], line[..semi] + ":", ""));
        }
    }

    /// <summary>True when the user set or removed <paramref name="name"/>, so Curlew must not send its own.</summary>
    public bool Overrides(string name) => Find(name) >= 0;

    /// <summary>True when the user removed <paramref name="name"/> ("Name:" with nothing after it).</summary>
    public bool Removes(string name) => Find(name) is int i and >= 0 && _entries[i].Line is null;

    /// <summary>The text after the user's "Name:" exactly as written (leading blank included), or null when not set or removed.</summary>
    public string? RawValueOf(string name) => Find(name) is int i and >= 0 && _entries[i].Line is not null ? _entries[i].Value : null;

    /// <summary>Whether the user's value for <paramref name="name"/> contains <paramref name="token"/> (case-insensitive).</summary>
    public bool ValueContains(string name, string token) =>
        RawValueOf(name)?.Contains(token, StringComparison.OrdinalIgnoreCase) ?? false;

    /// <summary>Lines to send as written, in the user's order (removals skipped). <paramref name="skip"/> goes elsewhere in the request.</summary>
    /// <remarks>A struct enumerator, not an iterator: every request with custom headers walks these, and an iterator would be an allocation each time.</remarks>
    public SendableLines ToSend(string? skip = null) => new(_entries, skip);

    /// <summary>The enumerator of <see cref="ToSend"/>; <see cref="ToArray"/> for a copy.</summary>
    public struct SendableLines(List<(string Name, string? Line, string Value)> entries, string? skip)
    {
        private int _index = -1;

        public string Current { get; private set; } = "";

        public readonly SendableLines GetEnumerator() => this;

        public bool MoveNext()
        {
            while (++_index < entries.Count)
            {
                var (name, line, _) = entries[_index];
                if (line is null) continue;
                if (skip is not null && string.Equals(name, skip, StringComparison.OrdinalIgnoreCase)) continue;
                Current = line;
                return true;
            }
            return false;
        }

        public readonly string[] ToArray()
        {
            var lines = new List<string>();
            foreach (var line in this) lines.Add(line);
            return [.. lines];
        }
    }

    public bool IsEmpty => _entries.Count == 0;

    private int Find(string name)
    {
        for (int i = 0; i < _entries.Count; i++)
            if (string.Equals(_entries[i].Name, name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }
}
