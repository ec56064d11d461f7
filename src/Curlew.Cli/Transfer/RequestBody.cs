using System.Text;
using Curlew.Cli.Args;

namespace Curlew.Cli.Transfer;

/// <summary>
/// Turns the -d family into the bytes curl would send: pieces joined with '&amp;' (--json pieces simply follow each
/// other), "@file" read for -d (line breaks dropped), --data-binary and --json (kept), never for --data-raw, and
/// --data-urlencode's five forms: content, =content, name=content, @file, name@file.
/// </summary>
internal static class RequestBody
{
    public static byte[]? Build(IReadOnlyList<DataPart> parts, Func<string, byte[]> readFile)
    {
        if (parts.Count == 0) return null;
        var body = new List<byte>();
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            bool joinsPrevious = i > 0 && !(part.Flag == "json" && parts[i - 1].Flag == "json");
            if (joinsPrevious) body.Add((byte)'&');
            body.AddRange(Piece(part, readFile));
        }
        return [.. body];
    }

    /// <summary>True when any piece came from --json (curl then adds JSON Content-Type and Accept headers).</summary>
    public static bool HasJson(IReadOnlyList<DataPart> parts)
    {
        foreach (var part in parts) if (part.Flag == "json") return true;
        return false;
    }

    private static byte[] Piece(DataPart part, Func<string, byte[]> readFile)
    {
        string v = part.Value;
        switch (part.Flag)
        {
            case "data-raw": return Encoding.UTF8.GetBytes(v);
            case "data-urlencode": return UrlEncoded(v, readFile);
            case "data-binary" or "json":
                return v.StartsWith('@') ? readFile(v[1..]) : Encoding.UTF8.GetBytes(v);
            default:   // -d and --data-ascii: a file's CR and LF bytes are dropped
                if (!v.StartsWith('@')) return Encoding.UTF8.GetBytes(v);
                var kept = new List<byte>();
                foreach (byte b in readFile(v[1..])) if (b is not ((byte)'\r' or (byte)'\n')) kept.Add(b);
                return [.. kept];
        }
    }

    private static byte[] UrlEncoded(string v, Func<string, byte[]> readFile)
    {
        int eq = v.IndexOf('=');
        int at = v.IndexOf('@');
        if (eq >= 0 && (at < 0 || eq < at))
        {
            string name = v[..eq];
            string encoded = Escape(Encoding.UTF8.GetBytes(v[(eq + 1)..]));
            return Encoding.UTF8.GetBytes(name.Length == 0 ? encoded : name + "=" + encoded);
        }
        if (at >= 0)
        {
            string name = v[..at];
            string encoded = Escape(readFile(v[(at + 1)..]));
            return Encoding.UTF8.GetBytes(name.Length == 0 ? encoded : name + "=" + encoded);
        }
        return Encoding.UTF8.GetBytes(Escape(Encoding.UTF8.GetBytes(v)));
    }

    /// <summary>Percent-encodes everything but RFC 3986's unreserved characters, upper-case hex; a space becomes '+' as curl writes it for --data-urlencode.</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (byte b in bytes)
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~') sb.Append((char)b);
            else if (b == (byte)' ') sb.Append('+');
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
